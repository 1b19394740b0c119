/// A located problem in the content, printed in the compiler format editors understand.
///
/// `Content/letters/x.md:3:7: error: field 'date' must be ...`
public struct Diagnostic: Error, Sendable, Equatable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error, warning
    }

    public var severity: Severity
    /// The path as the user should see it, e.g. `Content/letters/x.md`.
    public var path: String
    public var line: Int
    public var column: Int
    /// What is wrong and how to fix it.
    public var message: String
    /// The offending source line, shown under the diagnostic when known.
    public var sourceLine: String?

    public init(
        _ severity: Severity = .error, path: String, line: Int, column: Int = 1, message: String,
        sourceLine: String? = nil
    ) {
        self.severity = severity
        self.path = path
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.message = message
        self.sourceLine = sourceLine
    }

    /// One line: `path:line:col: severity: message`.
    public var description: String {
        "\(path):\(line):\(column): \(severity.rawValue): \(message)"
    }

    /// The one-line form followed by the source line and a caret under the column, as compilers print.
    public var rendered: String {
        guard let sourceLine, !sourceLine.isEmpty else { return description }
        let caretPad = String(repeating: " ", count: min(column - 1, sourceLine.count))
        return "\(description)\n    \(sourceLine)\n    \(caretPad)^"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.path, lhs.line, lhs.column, lhs.message) < (rhs.path, rhs.line, rhs.column, rhs.message)
    }
}

/// Every diagnostic a stage found, sorted; thrown when at least one is an error.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) {
        self.items = items.sorted()
    }

    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
    public var description: String { items.map(\.description).joined(separator: "\n") }
}
