import Testing

@testable import PortalContent

/// Every diagnostic is one line of cause and at most one shown source line, both cut.
@Suite struct DiagnosticShapeTests {
    @Test func controlCharactersInMessagesAreEscaped() {
        let found = Diagnostic(path: "Content/a\nb.md", line: 1, message: "link 'x\ny' has a \u{1B}[31m colour\u{2028}")
        #expect(found.description == "Content/a\\nb.md:1:1: error: link 'x\\ny' has a \\u{1B}[31m colour\\u{2028}")
        #expect(!found.rendered.contains("\u{1B}"))
        // Tabs stay in the source line, so the caret still lines up under the column.
        #expect(Diagnostic(path: "a.md", line: 1, column: 2, message: "m", sourceLine: "\tx\u{7}").rendered == "a.md:1:2: error: m\n    \tx\\u{7}\n     ^")
    }

    @Test func longMessagesAndSourceLinesAreCut() {
        let line = String(repeating: "[", count: 400_000)
        var found = Diagnostic(path: "a.md", line: 2, column: 9, message: String(repeating: "m", count: 500), sourceLine: line)
        #expect(found.message.count == Diagnostic.maximumLength)
        #expect(found.message.hasSuffix("…"))
        #expect(found.sourceLine?.count == Diagnostic.maximumLength)
        #expect(found.rendered.split(separator: "\n").allSatisfy { $0.count <= Diagnostic.maximumLength + 60 })
        // Set after the fact, the same rules hold.
        found.message = "two\nlines"
        #expect(found.message == "two\\nlines")
        #expect(Diagnostic(path: "a.md", line: 1, message: "short").message == "short")
    }

    @Test func datesOutsideTheYearRangeAreLocatedErrors() {
        for (date, ok) in [("1899-12-31", false), ("1900-01-01", true), ("2199-12-31", true), ("2200-01-01", false), ("0000-01-01", false)] {
            let text = "---\ntitle: A\nkind: article\ndate: \(date)\n---\n\nText.\n"
            let result = DocumentDecoder.decode(text, path: "articles/a.md", displayPath: "Content/articles/a.md")
            switch result {
            case .success: #expect(ok, "\(date) was accepted")
            case .failure(let found):
                #expect(!ok, "\(date): \(found)")
                #expect(found.items.map(\.description) == ["Content/articles/a.md:4:7: error: field 'date' is '\(date)' but its year must be from 1900 to 2199, e.g. date: 2022-08-30"])
            }
        }
    }
}
