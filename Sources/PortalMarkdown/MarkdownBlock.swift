/// One top-level block of a parsed Markdown document, already rendered to safe HTML.
///
/// The site composes pages from these blocks: headings get anchors, slides and
/// questions are split at level-2 headings, and fenced blocks whose info string
/// names a generator (e.g. `staffing bands`) are replaced by computed output.
public struct MarkdownBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A heading; `html` holds only its inner HTML, without the `<hN>` tags.
        case heading(level: Int)
        /// A fenced or indented code block with its info string and literal text.
        case code(info: String, literal: String)
        /// A GFM table.
        case table
        /// Footnote definitions, gathered into one `<section class="footnotes">`.
        case footnotes
        /// Any other block: paragraph, list, quote, thematic break.
        case other
    }

    public var kind: Kind
    /// Rendered HTML, escaped and safe: raw HTML is omitted, and a link to a dangerous URL is left as its text.
    public var html: String
    /// The block's text with markup removed, for titles, snippets and search.
    public var text: String
    /// 1-based line of the block's first character, counted within the Markdown body.
    public var line: Int
    /// 1-based column of the block's first character.
    public var column: Int
    /// A list's items or a table's rows, in order; empty for every other block.
    public var parts: [Part]

    /// One item of a top-level list or one row of a table, for code that needs more than the block's whole text.
    public struct Part: Sendable, Equatable {
        /// 1-based line of the item or row, counted within the Markdown body.
        public var line: Int
        /// The text without markup; hard line breaks stay as `\n`, table cells are joined by ` | `.
        public var text: String
        /// A table row's cells as text; empty for list items.
        public var cells: [String]
        /// An ordered list item's number as the source wrote it (`3` for `3. `); nil otherwise.
        public var number: Int?

        public init(line: Int, text: String, cells: [String] = [], number: Int? = nil) {
            self.line = line
            self.text = text
            self.cells = cells
            self.number = number
        }
    }

    public init(kind: Kind, html: String, text: String, line: Int, column: Int, parts: [Part] = []) {
        self.kind = kind
        self.html = html
        self.text = text
        self.line = line
        self.column = column
        self.parts = parts
    }
}
