/// Something the author wrote that the parser did not publish as written, so the caller can warn about it.
///
/// Safe mode drops raw HTML, and ``UnsafeURLFilter`` turns a link with an
/// unsafe destination into its plain text; both used to happen silently, which
/// left authors wondering where their markup went.
public struct MarkdownNotice: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A link or image whose destination uses a scheme the site never publishes (`javascript:`, `file:`…);
        /// it is shown as its text.
        case unsafeDestination(String)
        /// Raw HTML, a block or inline, omitted from the page; holds the HTML as written.
        case rawHTML(String)
    }

    public var kind: Kind
    /// 1-based line within the Markdown body.
    public var line: Int
    /// 1-based column within that line; the enclosing block's column when cmark-gfm gives none.
    public var column: Int

    public init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }
}
