
extension RenderedBody {
    /// A few consecutive blocks of a body without level-2 headings, wrapped in an element with an anchor.
    package struct Passage: Sendable, Equatable {
        package var id: String
        /// "Paragraphs 1–3": where the passage sits, for a search result's heading.
        package var label: String
        package var text: String

        package init(id: String, label: String, text: String) {
            self.id = id
            self.label = label
            self.text = text
        }
    }

    /// Blocks per passage: small enough that a link lands near the match, large enough to read as a unit.
    package static let blocksPerPassage = 3

    /// Rebuilds the intro as anchored `<div class="passage">` groups and records each group as a passage.
    package mutating func groupIntoPassages(_ blocks: [(html: String, text: String)], slugger: inout Slugger) {
        guard !blocks.isEmpty else { return }
        var intro = ""
        passages = []
        for start in stride(from: 0, to: blocks.count, by: Self.blocksPerPassage) {
            let group = blocks[start..<min(start + Self.blocksPerPassage, blocks.count)]
            let id = slugger.unique("passage-\(passages.count + 1)")
            intro += "<div class=\"passage\" id=\"\(id)\">\n" + group.map(\.html).joined() + "</div>\n"
            let label = group.count == 1 ? "Paragraph \(start + 1)" : "Paragraphs \(start + 1)–\(start + group.count)"
            passages.append(Passage(id: id, label: label, text: group.map(\.text).filter { !$0.isEmpty }.joined(separator: " ")))
        }
        self.intro = intro
    }
}
