import Foundation
import PortalOutput
import PortalPages
import PortalRender

/// Takes each finished page as soon as its unit is rendered, so a build never holds every page's text at once.
///
/// For a build the page goes straight into the output's staging folder (a page
/// reused from the previous build is hard-linked, as ``OutputDirectory/link(_:to:contents:)``
/// does); for a check it goes nowhere. Either way the sink hands back the page
/// without its text: the checks that run once every page exists need only the
/// paths, and the `id`s of the pages a link with a `#fragment` leads to, which
/// the sink keeps. Nothing is committed here: a build that fails later simply
/// never swaps its staging folder in.
///
/// Generator threads call ``take(_:)`` concurrently.
final class PageSink: PageTaker, @unchecked Sendable {
    /// Where pages are written; nil for a check, which writes nothing.
    let output: OutputDirectory?
    /// Pages that a link with a `#fragment` leads to: their anchors are kept for ``InternalLinks``.
    private let anchorTargets: Set<String>
    private let lock = NSLock()
    private var firstFailure: (any Error)?

    init(output: OutputDirectory?, anchorTargets: Set<String>) {
        self.output = output
        self.anchorTargets = anchorTargets
    }

    /// The first write that failed; the build reports it once the checks have passed, as it did before pages streamed.
    var failure: (any Error)? { lock.withLock { firstFailure } }

    /// Writes each file not taken yet and returns them all without their text, in the same order.
    func take(_ files: [OutputFile]) -> [OutputFile] {
        files.map(take)
    }

    func take(_ file: OutputFile) -> OutputFile {
        guard file.written == nil else { return file }
        var written = OutputFile.Written(wasReused: file.reused != nil)
        if anchorTargets.contains(file.path) {
            // A page reused from the previous build is read only when a link needs its anchors.
            written.anchors = InternalLinks.anchors(in: file.text() ?? "")
        }
        let taken = OutputFile(path: file.path, written: written)
        if let output, failure == nil {
            do {
                if let reused = file.reused {
                    try output.link(from: reused.folder, identity: reused.identity, to: file.path) { file.data() }
                } else if let bytes = file.bytes {
                    try output.write(Data(bytes), to: file.path)
                } else {
                    try output.write(file.contents, to: file.path)
                }
            } catch {
                // Later pages are not written: the staging folder will not be used.
                lock.withLock { if firstFailure == nil { firstFailure = error } }
            }
        }
        return taken
    }
}
