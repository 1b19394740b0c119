/// Warns of text `portal new` wrote for the author to replace (``ScaffoldPlaceholder``), so that
/// `check --strict` fails on a half-filled document.
enum PlaceholderCheck {
    static func check(_ site: ContentSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for document in site.documents {
            for (field, value) in fieldValues(of: document) {
                guard let placeholder = ScaffoldPlaceholder.byFieldValue[value] else { continue }
                let location = document.location(ofField: field)
                diagnostics.append(warning(placeholder, in: "field '\(field)'", path: document.displayPath, line: location.line, column: location.column))
            }
            // From the document's noted facts when known, so that a body left unread stays unread.
            guard document.bodyMayHoldPlaceholder else { continue }
            for (index, line) in document.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let placeholder = ScaffoldPlaceholder.placeholder(inBodyLine: line) else { continue }
                let column = line.distance(from: line.startIndex, to: line.firstIndex { $0 != " " && $0 != "\t" } ?? line.startIndex) + 1
                diagnostics.append(warning(placeholder, in: "the text", path: document.displayPath, line: document.bodyLineOffset + index + 1, column: column))
            }
        }
        return diagnostics
    }

    /// Each front-matter value an author writes, with the top-level field it is located by.
    private static func fieldValues(of document: ContentDocument) -> [(String, String)] {
        var values: [(String, String)] = [("title", document.title)]
        if let summary = document.summary { values.append(("summary", summary)) }
        func person(_ person: Person?, _ field: String) {
            guard let person else { return }
            values += ([person.name, person.title, person.organization].compactMap { $0 } + person.address).map { (field, $0) }
        }
        if let letter = document.letter {
            person(letter.from, "from")
            person(letter.to, "to")
            if let contact = letter.contact { values.append(("contact", contact)) }
        }
        if let position = document.position { values.append(("grade", position.grade)) }
        if let response = document.response {
            person(response.from, "from")
            person(response.to, "to")
        }
        if let decision = document.decision {
            person(decision.from, "from")
            person(decision.to, "to")
            if let circumstances = decision.extraordinaryCircumstances { values.append(("extraordinary_circumstances", circumstances)) }
        }
        return values
    }

    private static func warning(_ placeholder: ScaffoldPlaceholder, in place: String, path: String, line: Int, column: Int) -> Diagnostic {
        Diagnostic(
            .warning, path: path, line: line, column: column,
            message: "\(place) still holds the placeholder '\(placeholder.text)' that portal new wrote; replace it with \(placeholder.fillIn)")
    }
}
