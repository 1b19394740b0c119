import Foundation
import PortalContent

/// What `portal check` found, sorted by file, line and column, in the text and JSON forms it prints.
struct CheckReport {
    var diagnostics: [Diagnostic]
    /// Known only when the content loaded; nil after errors that stop loading.
    var documents: Int?
    var pages: Int?

    init(diagnostics: [Diagnostic], documents: Int?, pages: Int?) {
        self.diagnostics = diagnostics.sorted()
        self.documents = documents
        self.pages = pages
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    func fails(strict: Bool) -> Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }

    /// `Checked 14 documents and 24 pages: no problems.` or `2 errors, 1 warning.`
    var summary: String {
        let counts = "\(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
        guard let documents, let pages else { return "\(counts)." }
        let found = diagnostics.isEmpty ? "no problems" : counts
        return "Checked \(plural(documents, "document")) and \(plural(pages, "page")): \(found)."
    }

    /// A stable JSON object for CI: counts, whether the check passed, and every diagnostic.
    func json(strict: Bool) throws -> String {
        struct Item: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: String
            var message: String
        }
        struct Body: Encodable {
            var ok: Bool
            var strict: Bool
            var errors: Int
            var warnings: Int
            var documents: Int?
            var pages: Int?
            var diagnostics: [Item]
        }
        let body = Body(
            ok: !fails(strict: strict), strict: strict, errors: errorCount, warnings: warningCount,
            documents: documents, pages: pages,
            diagnostics: diagnostics.map {
                Item(file: $0.path, line: $0.line, column: $0.column, severity: $0.severity.rawValue, message: $0.message)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
