/// A piece of a text node after a ``TextLinker`` has looked at it.
public enum TextRun: Sendable, Equatable {
    case text(String)
    /// Text that becomes a link to `url`.
    case link(text: String, url: String)
    /// An abbreviation, rendered as `<abbr title="…">text</abbr>`.
    case abbreviation(text: String, title: String)
}
