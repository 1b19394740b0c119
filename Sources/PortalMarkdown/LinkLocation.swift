/// Where a link stands in the Markdown, so a caller can report problems with it.
public struct LinkLocation: Sendable, Equatable {
    /// 1-based line within the Markdown body.
    public var line: Int
    /// 1-based column within that line; the enclosing block's column when cmark-gfm gives none.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
