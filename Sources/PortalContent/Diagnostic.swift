/// A located problem in the content, printed in the compiler format editors understand.
///
/// `Content/letters/x.md:3:7: error: field 'date' must be ...`
public struct Diagnostic: Error, Sendable, Equatable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error, warning
    }

    /// The most characters a message or a shown source line keeps; the rest is cut and marked with `…`.
    ///
    /// A diagnostic is one line of cause and at most one line of source, so that a 400 KB line or a
    /// runaway quoted value cannot bury the list of problems.
    public static let maximumLength = 200

    public var severity: Severity
    /// The path as the user should see it, e.g. `Content/letters/x.md`; control characters escaped.
    public var path: String {
        didSet { path = Self.escapingControls(path) }
    }
    public var line: Int
    public var column: Int
    /// What is wrong and how to fix it: one line, control characters escaped, cut to ``maximumLength``.
    public var message: String {
        didSet { message = Self.oneLine(message) }
    }
    /// The offending source line, shown under the diagnostic when known; cut to ``maximumLength``.
    public var sourceLine: String? {
        didSet { sourceLine = sourceLine.map(Self.shownSource) }
    }

    public init(
        _ severity: Severity = .error, path: String, line: Int, column: Int = 1, message: String,
        sourceLine: String? = nil
    ) {
        self.severity = severity
        self.path = Self.escapingControls(path)
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.message = Self.oneLine(message)
        self.sourceLine = sourceLine.map(Self.shownSource)
    }

    // MARK: Shape

    /// `text` with control characters escaped (so a `%0a` an author wrote cannot start a new line in an
    /// editor's problem list), cut to ``maximumLength``.
    static func oneLine(_ text: String) -> String {
        cut(escapingControls(text))
    }

    /// A source line as shown under a diagnostic: tabs kept, so the caret still lines up; other controls escaped.
    static func shownSource(_ text: String) -> String {
        cut(escapingControls(text, keepingTabs: true))
    }

    /// `text` with C0 and C1 controls, DEL and the Unicode line and paragraph separators written as escapes.
    static func escapingControls(_ text: String, keepingTabs: Bool = false) -> String {
        // Most text has none: checked on the bytes first, since every diagnostic passes here.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != 0xC2 && $0 != 0xE2 || keepingTabs && $0 == 0x09 }) {
            return text
        }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t" where keepingTabs: escaped.unicodeScalars.append(scalar)
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
                escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `text` cut to ``maximumLength`` characters, the last of them `…` when anything was cut.
    static func cut(_ text: String) -> String {
        guard text.utf8.count > maximumLength, text.count > maximumLength else { return text }
        return String(text.prefix(maximumLength - 1)) + "…"
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
