/// The kinds of document the portal publishes; each has its own front-matter fields and layout.
public enum DocumentKind: String, Sendable, CaseIterable, Codable, Comparable {
    case letter, position, qa, presentation, article

    /// The plural heading of the kind's listing page.
    public var pluralTitle: String {
        switch self {
        case .letter: "Consultation letters"
        case .position: "Position descriptions"
        case .qa: "Questions and answers"
        case .presentation: "Presentations"
        case .article: "Articles"
        }
    }

    /// The singular name shown beside a document's title.
    public var label: String {
        switch self {
        case .letter: "Letter"
        case .position: "Position description"
        case .qa: "Q&A"
        case .presentation: "Presentation"
        case .article: "Article"
        }
    }

    /// The folder of the kind's listing page in the output.
    public var listingSlug: String {
        switch self {
        case .letter: "letters"
        case .position: "positions"
        case .qa: "questions-and-answers"
        case .presentation: "presentations"
        case .article: "articles"
        }
    }

    public static func < (lhs: DocumentKind, rhs: DocumentKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
