/// One document as the search index sees it: what a result shows, and its searchable parts.
///
/// Part 0 of every document is the document itself (title, code and grade,
/// summary and intro); the `parts` follow as 1, 2, 3… and each links to an
/// anchor on the document's page.
public struct SearchDocument: Sendable, Equatable {
    public var title: String
    /// The kind's display label, e.g. "Position description".
    public var kind: String
    /// `YYYY-MM-DD`.
    public var date: String
    /// The date as a reader sees it, e.g. "August 30, 2022".
    public var dateText: String
    /// The page, relative to the site root, e.g. `positions/2345-5035-current.html`.
    public var url: String
    public var occupationCode: String?
    public var grade: String?
    /// Summary and any text before the first part, searched and shown as the document's own result.
    public var text: String
    public var parts: [SearchPart]

    public init(
        title: String, kind: String, date: String, dateText: String, url: String,
        occupationCode: String? = nil, grade: String? = nil, text: String, parts: [SearchPart]
    ) {
        self.title = title
        self.kind = kind
        self.date = date
        self.dateText = dateText
        self.url = url
        self.occupationCode = occupationCode
        self.grade = grade
        self.text = text
        self.parts = parts
    }
}
