import Foundation
import PortalContent

/// What a build did, for the one summary line the CLI prints.
public struct BuildReport: Sendable {
    public var pagesWritten: Int
    public var documents: Int
    public var warnings: [Diagnostic]
    public var seconds: Double
    /// Pages copied from the previous build because nothing they show changed.
    public var pagesReused = 0
    /// Documents taken from the build cache without reading their files, whose size and times were unchanged.
    public var documentsUnread = 0

    /// `Wrote 24 pages from 14 documents to Public in 0.31 s.`, with `(20 reused)` after the page count when pages were reused.
    public func summary(output: String) -> String {
        let warningText = warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
        let reusedText = pagesReused == 0 ? "" : " (\(pagesReused) reused)"
        return "Wrote \(pagesWritten) pages\(reusedText) from \(documents) documents to \(output) in \(String(format: "%.2f", seconds)) s\(warningText)."
    }
}
