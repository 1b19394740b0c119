/// Turns plain text into runs of text and links, such as occupation codes into links to their pages.
///
/// The Markdown wrapper calls it on every text node outside code spans, code
/// blocks, links and images, so the caller works on the document tree and never
/// on rendered HTML. It gets the block's line so that it can record where each
/// mention stands.
public struct TextLinker: Sendable {
    public let link: @Sendable (_ text: String, _ line: Int) -> [TextRun]?
    /// For text in a GFM table cell, which may hold links but no other markup (``TextRun/abbreviation``); nil uses `link`.
    public let linkInTable: (@Sendable (_ text: String, _ line: Int) -> [TextRun]?)?

    /// - Parameter link: returns nil when the text has nothing to link, which keeps the node as it is.
    public init(
        _ link: @escaping @Sendable (_ text: String, _ line: Int) -> [TextRun]?,
        inTable linkInTable: (@Sendable (_ text: String, _ line: Int) -> [TextRun]?)? = nil
    ) {
        self.link = link
        self.linkInTable = linkInTable
    }
}
