import Foundation
import Testing

@testable import PortalContent

/// Front-matter errors: each names the field and the fix, at the right line and column.
@Suite struct FrontMatterTests {
    let letter = """
        ---
        title: A letter
        kind: letter
        date: 2022-08-30
        from: {name: Bruce A. Nicholson, title: Manager, organization: USPS}
        to: {name: Ivan D. Butts}
        statute: 39 U.S.C. §1004(d)
        enclosures:
          - {code: 2345-5035, version: proposed}
        ---

        Body text.
        """

    func decode(_ text: String) -> Result<ContentDocument, Diagnostics> {
        DocumentDecoder.decode(text, path: "letters/x.md", displayPath: "Content/letters/x.md")
    }

    func diagnostics(_ text: String) -> [Diagnostic] {
        guard case .failure(let found) = decode(text) else {
            Issue.record("expected the document to fail")
            return []
        }
        return found.items
    }

    @Test func decodesAValidLetter() throws {
        let document = try decode(letter).get()
        #expect(document.kind == .letter)
        #expect(document.title == "A letter")
        #expect(document.date == "2022-08-30")
        #expect(document.letter?.from.organization == "USPS")
        #expect(document.letter?.enclosures.first?.target == .position(code: "2345-5035", version: .proposed))
        #expect(document.letter?.enclosures.first?.line == 9)
        #expect(document.body.trimmingCharacters(in: .whitespacesAndNewlines) == "Body text.")
        #expect(document.bodyLineOffset == 10)
        #expect(document.outputPath == "letters/x.html")
        // The output path is kept with the path: it follows a new path, in the copy that was changed only.
        var moved = document
        moved.path = "articles/y.md"
        #expect(moved.outputPath == "articles/y.html")
        #expect(document.outputPath == "letters/x.html")
    }

    @Test func missingRequiredFieldPointsAtTheFenceAndNamesTheField() {
        let found = diagnostics(letter.replacingOccurrences(of: "statute: 39 U.S.C. §1004(d)\n", with: ""))
        #expect(found.map(\.description) == [
            "Content/letters/x.md:1:1: error: missing required field 'statute'; add e.g. statute: 39 U.S.C. §1004(d)"
        ])
    }

    @Test func invalidDateIsLocatedAtItsValue() {
        let found = diagnostics(letter.replacingOccurrences(of: "date: 2022-08-30", with: "date: 2022-02-30"))
        #expect(found.count == 1)
        #expect(found.first?.line == 4)
        #expect(found.first?.column == 7)
        #expect(found.first?.message.contains("must be a real date in YYYY-MM-DD form") == true)
    }

    /// YAML's null, `~`, is an empty value; quoted, or in a word such as a yes/no, a number or a date, it is text.
    @Test func nullIsEmptyButQuotedTildeAndOtherTypedLookingValuesAreText() throws {
        let found = diagnostics(letter.replacingOccurrences(of: "title: A letter", with: "title: ~"))
        #expect(found.map(\.description) == ["Content/letters/x.md:2:8: error: field 'title' is empty; give it a value, e.g. title: Customer Relations Coordinator"])
        for (value, text) in [("\"~\"", "~"), ("yes", "yes"), ("0x1F", "0x1F"), ("1.5e3", "1.5e3"), ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00")] {
            let document = try decode(letter.replacingOccurrences(of: "title: A letter", with: "title: \(value)")).get()
            #expect(document.title == text)
        }
    }

    @Test func unknownKindListsTheKinds() {
        let found = diagnostics("---\ntitle: X\nkind: memo\ndate: 2020-01-01\n---\n")
        #expect(found.map(\.description) == [
            "Content/letters/x.md:3:7: error: unknown kind 'memo'; use one of letter, position, qa, presentation, article, response, decision"
        ])
    }

    @Test func wrongFieldTypeIsReported() {
        let found = diagnostics("---\ntitle: [a, b]\nkind: article\ndate: 2020-01-01\n---\n")
        #expect(found.first?.line == 2)
        #expect(found.first?.message.hasPrefix("field 'title' must be text, not a list") == true)
    }

    @Test func unterminatedFrontMatter() {
        let found = diagnostics("---\ntitle: X\nkind: article\n\nBody without a closing fence\n")
        #expect(found.map(\.description) == [
            "Content/letters/x.md:1:1: error: front matter opened here is never closed; add a line with just '---' after the last field"
        ])
    }

    @Test func invalidYAMLGivesTheFileLine() {
        let found = diagnostics("---\ntitle: X\nkind: article\ndate: [2020\n---\n")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("invalid YAML in front matter") == true)
        #expect((4...6).contains(found.first?.line ?? 0))
    }

    @Test func emptyFileAndMissingFence() {
        #expect(diagnostics("  \n").first?.message.hasPrefix("the file is empty") == true)
        #expect(diagnostics("# Just a heading\n").first?.message.hasPrefix("the file must start with front matter") == true)
    }

    @Test func typoInFieldNameSuggestsTheRightOne() {
        let found = diagnostics("---\ntitle: X\nkind: article\ndate: 2020-01-01\nsumary: Y\n---\n")
        #expect(found.map(\.description) == [
            "Content/letters/x.md:5:1: error: unknown field 'sumary' for kind 'article'; did you mean 'summary'?"
        ])
    }

    @Test func malformedOccupationCodeAndGrade() {
        let found = diagnostics("""
            ---
            title: Coordinator
            kind: position
            date: 2022-08-30
            occupation_code: 2345-503
            grade: EAS17
            version: draft
            ---
            """)
        #expect(found.map { "\($0.line):\($0.column)" } == ["5:18", "6:8", "7:10"])
        #expect(found[0].message.contains("four digits, a hyphen and four digits"))
        #expect(found[2].message.contains("must be current or proposed"))
    }

    @Test func reportsEveryProblemAtOnceSorted() {
        let found = diagnostics("---\nkind: article\ndate: 2020-13-01\n---\n")
        #expect(found.count == 2)
        #expect(found.map(\.line) == [1, 3])
    }

    @Test func renderedDiagnosticShowsTheSourceLineAndCaret() {
        let found = diagnostics(letter.replacingOccurrences(of: "date: 2022-08-30", with: "date: yesterday"))
        #expect(found.first?.rendered == """
            Content/letters/x.md:4:7: error: field 'date' is 'yesterday' but must be a real date in YYYY-MM-DD form, e.g. date: 2022-08-30
                date: yesterday
                      ^
            """)
    }
}
