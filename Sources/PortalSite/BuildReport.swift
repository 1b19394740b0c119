/// What a build did, for the one summary line the CLI prints.
public struct BuildReport: Sendable {
    public var pagesWritten: Int
    public var documents: Int
    public var warnings: [Diagnostic]
    public var seconds: Double

    /// `Wrote 24 pages from 14 documents to Public in 0.31 s.`
    public func summary(output: String) -> String {
        let warningText = warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
        return "Wrote \(pagesWritten) pages from \(documents) documents to \(output) in \(String(format: "%.2f", seconds)) s\(warningText)."
    }
}

import Foundation
import PortalContent
