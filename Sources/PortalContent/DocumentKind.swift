/// The kinds of document the portal publishes; each has its own front-matter fields and layout.
public enum DocumentKind: String, Sendable, CaseIterable, Codable, Comparable {
    case letter, position, qa, presentation, article, response, decision

    /// The plural heading of the kind's listing page.
    public var pluralTitle: String {
        switch self {
        case .letter: "Consultation letters"
        case .position: "Position descriptions"
        case .qa: "Questions and answers"
        case .presentation: "Presentations"
        case .article: "Articles"
        case .response: "Responses"
        case .decision: "Decisions"
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
        case .response: "Response"
        case .decision: "Decision"
        }
    }

    /// The label in lower case after "a" or "an": "a letter", "an article", "a Q&A".
    public var indefiniteLabel: String {
        let word = self == .qa ? label : label.lowercased()
        return ("aeiou".contains(word.first!) ? "an " : "a ") + word
    }

    /// The folder of the kind's listing page in the output.
    public var listingSlug: String {
        switch self {
        case .letter: "letters"
        case .position: "positions"
        case .qa: "questions-and-answers"
        case .presentation: "presentations"
        case .article: "articles"
        case .response: "responses"
        case .decision: "decisions"
        }
    }

    public static func < (lhs: DocumentKind, rhs: DocumentKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
