import Foundation
import PortalContent

/// What rendering one body found that the rest of the site needs: small enough to keep for every document.
package struct DocumentFacts: Sendable, Equatable {
    package var mentions: [CodeMention]
    /// Unknown codes, and titles or grades beside a code that disagree with the catalog.
    package var warnings: [Diagnostic]
    /// The links the author wrote, checked once every page exists.
    package var links: [InternalLinks.Link]
    /// Info strings of the generated blocks (e.g. `staffing bands model=x`): consultations list what they propose.
    package var generatedBlocks: [String]
    /// Ids of the places that mention a code, by body line.
    package var anchors: [Int: String]

    package init(mentions: [CodeMention], warnings: [Diagnostic], links: [InternalLinks.Link], generatedBlocks: [String], anchors: [Int: String]) {
        self.mentions = mentions
        self.warnings = warnings
        self.links = links
        self.generatedBlocks = generatedBlocks
        self.anchors = anchors
    }
}
