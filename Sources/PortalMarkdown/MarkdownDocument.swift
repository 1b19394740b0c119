/// A parsed Markdown document: its top-level blocks, in source order.
public struct MarkdownDocument: Sendable, Equatable {
    public var blocks: [MarkdownBlock]
    /// What the source held that the page does not show as written, in source order.
    public var notices: [MarkdownNotice]

    public init(blocks: [MarkdownBlock], notices: [MarkdownNotice] = []) {
        self.blocks = blocks
        self.notices = notices
    }

    /// The whole document as HTML, with every block as cmark-gfm rendered it.
    public var html: String {
        blocks.map { block in
            if case .heading(let level) = block.kind {
                return "<h\(level)>\(block.html)</h\(level)>\n"
            }
            return block.html
        }.joined()
    }
}
