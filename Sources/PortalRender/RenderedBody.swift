import Foundation

/// A document body rendered to HTML and cut at its level-2 headings.
///
/// Positions are headed by section, slides and questions each start at a
/// level-2 heading, so one cut serves every kind.
package struct RenderedBody: Sendable, Equatable {
    package struct Section: Sendable, Equatable {
        package var id: String
        package var title: String
        package var titleHTML: String
        /// The section's content after its heading.
        package var html: String
        /// The section's text without markup.
        package var text: String

        package init(id: String, title: String, titleHTML: String, html: String, text: String) {
            self.id = id
            self.title = title
            self.titleHTML = titleHTML
            self.html = html
            self.text = text
        }
    }

    /// Content before the first level-2 heading.
    package var intro: String
    package var introText: String
    package var sections: [Section]
    /// A letter's paragraphs in small anchored groups, so search can link into a letter; empty for other kinds.
    package var passages: [Passage] = []
    /// Info strings of the fenced blocks a generator replaced (e.g. `staffing bands model=x`), in body order.
    package var generatedBlocks: [String] = []
    /// Ids of the places that mention an occupation code, by body line (see ``MentionAnchors``).
    package var anchors: [Int: String] = [:]

    package init(
        intro: String, introText: String, sections: [Section], passages: [Passage] = [], generatedBlocks: [String] = [],
        anchors: [Int: String] = [:]
    ) {
        self.intro = intro
        self.introText = introText
        self.sections = sections
        self.passages = passages
        self.generatedBlocks = generatedBlocks
        self.anchors = anchors
    }

    /// Everything in order, each level-2 heading with its anchor.
    package var html: String {
        intro + sections.map { "<h2 id=\"\($0.id)\">\($0.titleHTML)</h2>\n\($0.html)" }.joined()
    }

    package var text: String {
        ([introText] + sections.flatMap { [$0.title, $0.text] }).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
