import Foundation
import PortalContent
import PortalOutput

extension SiteBuilder {
    /// Why a build or check stopped; each prints as one or more compiler-style lines.
    public enum Failure: Error, CustomStringConvertible {
        /// Located problems in the content or theme; nothing was written.
        case diagnostics(Diagnostics)
        /// Another build holds the output's lock.
        case locked(lockPath: String)
        /// The output could not be written.
        case output(String)
        /// The output or cache path is not the portal's to write; nothing was written.
        case refused(OutputClaim.Refusal)

        public var description: String {
            switch self {
            case .diagnostics(let diagnostics): diagnostics.items.map(\.rendered).joined(separator: "\n")
            case .locked(let path): "error: another build is writing this output (lock \(path) is held); wait for it to finish and run the build again"
            case .output(let message): "error: \(message)"
            case .refused(let refusal): refusal.description
            }
        }
    }
}
