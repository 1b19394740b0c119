import Foundation
import PortalContent

/// The text and path of a new document: complete front matter for its kind and a body skeleton that builds.
///
/// Placeholders are plain words an author will notice in the preview, and
/// every optional field is shown as a comment, so the file documents itself.
struct DocumentScaffold {
    var kind: DocumentKind
    var title: String
    /// `YYYY-MM-DD`.
    var date: String
    var code: String?
    var version: PositionVersion
    var grade: String?
    /// The folder under Content/ for qa and article documents; nil for the kind's default.
    var folder: String?
    /// The letter or decision a response answers, or the letter a decision decides, relative to Content/.
    var target: String? = nil
    /// The sender and addressee a response or decision takes from its target, when it could be read:
    /// a response goes back the other way, a decision the same way as the proposal.
    var people: (from: Person, to: Person)? = nil

    /// The path relative to Content/, following the authoring guide's file-name rules.
    var path: String {
        switch kind {
        case .letter: "letters/\(date)-\(titleSlug).md"
        case .response, .decision: "\(kind.listingSlug)/\(date)-\(titleSlug).md"
        case .presentation: "presentations/\(date)-\(titleSlug).md"
        case .position: "positions/\(code ?? "0000-0000")-\(version.rawValue).md"
        case .qa, .article: "\(folder ?? kind.listingSlug)/\(titleSlug).md"
        }
    }

    /// The title's slug; `portal new` refuses a title without one, so the fallback only keeps this total.
    private var titleSlug: String { Self.slug(title) ?? "untitled" }

    var text: String {
        var lines = [
            "---",
            "title: \(Self.quoted(title))",
            "kind: \(kind.rawValue)",
            "date: \(date)",
            "# One plain sentence that says what the document is; shown in listings and to search engines.",
            "summary: \(Self.quoted(ScaffoldPlaceholder.summary(kind).text))",
        ]
        switch kind {
        case .letter:
            lines += [
                "from:",
                "  name: \(ScaffoldPlaceholder.senderName.text)",
                "  title: \(ScaffoldPlaceholder.senderTitle.text)",
                "  organization: United States Postal Service, Labor Relations",
                "to:",
                "  name: \(ScaffoldPlaceholder.addresseeName.text)",
                "  title: President",
                "  organization: National Association of Postal Supervisors",
                "  address:",
                "    - 1727 King Street, Suite 400",
                "    - Alexandria, VA 22314-2753",
                "statute: 39 U.S.C. §1004(d)",
                "# List each enclosure: {code: NNNN-NNNN, version: current|proposed} or {path: presentations/x.md}.",
                "enclosures: []",
                "# salutation: \"Dear Mr. Butts:\"",
                "# closing: Sincerely,",
                "# contact: \(ScaffoldPlaceholder.contactName.text)",
                "# tracking: \"9114901496451617774088\"",
            ]
        case .position:
            lines += [
                "occupation_code: \(code ?? "0000-0000")",
                grade == nil ? "# The grade from the source, e.g. EAS-17." : nil,
                "grade: \(grade ?? ScaffoldPlaceholder.grade.text)",
                "version: \(version.rawValue)",
                "# consultation: letters/YYYY-MM-DD-name.md",
                "# bargaining_unit: Clerk",
            ].compactMap { $0 }
        case .presentation:
            lines += ["# consultation: letters/YYYY-MM-DD-name.md"]
        case .response:
            lines += ["# The letter or decision this answers (39 U.S.C. §1004(d)(1)(B) or (d)(2))."]
            lines += ["responds_to: \(Self.quoted(target ?? "letters/YYYY-MM-DD-name.md"))"] + peopleLines(
                fromOrganization: "National Association of Postal Supervisors", toOrganization: "United States Postal Service, Labor Relations")
        case .decision:
            lines += [
                "# The proposal letter decided on (39 U.S.C. §1004(d)(2)).",
                "decides: \(Self.quoted(target ?? "letters/YYYY-MM-DD-name.md"))",
                "# The day the decision takes effect, YYYY-MM-DD.",
                "# implements_on: \(date)",
                "# Only when the decision gives extraordinary circumstances for a review period under 60 days:",
                "# extraordinary_circumstances: \(Self.quoted(ScaffoldPlaceholder.circumstances.text))",
            ] + peopleLines(
                fromOrganization: "United States Postal Service, Labor Relations", toOrganization: "National Association of Postal Supervisors")
        case .qa, .article:
            break
        }
        lines += ["---", "", body]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A body skeleton in the structure the authoring guide asks of the kind.
    private var body: String {
        switch kind {
        case .letter:
            ScaffoldPlaceholder.letterBody.text
        case .position:
            """
            ## Functional Purpose

            \(ScaffoldPlaceholder.purpose.text)

            ## Duties and Responsibilities

            1. \(ScaffoldPlaceholder.firstDuty.text)
            """
        case .presentation:
            """
            ## \(ScaffoldPlaceholder.slideTitle.text)

            \(ScaffoldPlaceholder.slideContent.text)
            """
        case .qa:
            """
            \(ScaffoldPlaceholder.questionsIntroduction.text)

            ## \(ScaffoldPlaceholder.firstQuestion.text)

            \(ScaffoldPlaceholder.answer.text)
            """
        case .article:
            ScaffoldPlaceholder.articleBody.text
        case .response:
            ScaffoldPlaceholder.responseBody.text
        case .decision:
            ScaffoldPlaceholder.decisionBody.text
        }
    }

    /// `from` and `to` as taken from the target, or placeholders with the usual organizations.
    private func peopleLines(fromOrganization: String, toOrganization: String) -> [String] {
        func block(_ key: String, _ person: Person?, placeholder: ScaffoldPlaceholder, organization: String) -> [String] {
            guard let person else { return ["\(key):", "  name: \(placeholder.text)", "  organization: \(organization)"] }
            var lines = ["\(key):", "  name: \(Self.quoted(person.name))"]
            if let title = person.title { lines.append("  title: \(Self.quoted(title))") }
            if let organization = person.organization { lines.append("  organization: \(Self.quoted(organization))") }
            return lines
        }
        return block("from", people?.from, placeholder: .senderName, organization: fromOrganization)
            + block("to", people?.to, placeholder: .addresseeName, organization: toOrganization)
    }

    /// Lowercase ASCII words joined by hyphens, at most 60 characters: `customer-relations-coordinators`,
    /// or `nil` when the title has no letter or digit left once folded.
    ///
    /// Letters are folded to ASCII first (see ``folded(_:)``), so "Ünïcödé" reads `unicode` rather than
    /// losing its accented letters; anything else separates words.
    static func slug(_ text: String) -> String? {
        var slug = ""
        var pendingHyphen = false
        for scalar in folded(text).unicodeScalars {
            if scalar.isASCII && CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen && !slug.isEmpty {
                    if slug.count >= 55 { break }
                    slug += "-"
                }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
            if slug.count >= 60 { break }
        }
        return slug.isEmpty ? nil : slug
    }

    /// Lowercase, with compatibility forms decomposed (ligatures, full-width letters) and combining marks
    /// dropped, and the Latin letters that have no decomposition spelt in ASCII: "Straße" → "strasse".
    static func folded(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            if let spelt = latinSpellings[scalar] {
                out.append(contentsOf: spelt.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Lowercase Latin letters that canonical decomposition leaves whole, with their usual ASCII spelling.
    private static let latinSpellings: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i", "ħ": "h",
        "ŋ": "ng", "ĸ": "k", "ŀ": "l",
    ]

    /// A YAML double-quoted scalar, safe for any title.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
