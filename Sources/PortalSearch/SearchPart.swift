/// A section, slide, question or passage: its own result, linked by its anchor.
public struct SearchPart: Sendable, Equatable {
    /// The `id` of the part's element on the document's page.
    public var anchor: String
    /// The heading shown with the result; a letter passage uses e.g. "Paragraphs 1–3".
    public var heading: String
    public var text: String

    public init(anchor: String, heading: String, text: String) {
        self.anchor = anchor
        self.heading = heading
        self.text = text
    }
}
