import Foundation
import Yams

/// Reads typed fields out of a YAML mapping and records a located diagnostic for each problem.
///
/// Every accessor returns nil on a problem instead of throwing, so one pass
/// reports every wrong field in a document, not just the first.
struct FrontMatterFields {
    let path: String
    /// Added to YAML line numbers to get file lines (the front matter starts on file line 2).
    let lineOffset: Int
    let sourceLines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []
    private var entries: [(key: String, keyNode: Node, value: Node)] = []
    private var used: Set<String> = []
    /// Where to point when a required field is missing: the opening fence.
    private let fallbackLine = 1

    init(mapping: Node.Mapping, path: String, lineOffset: Int, sourceLines: [Substring]) {
        self.path = path
        self.lineOffset = lineOffset
        self.sourceLines = sourceLines
        for (key, value) in mapping {
            entries.append((key.string ?? "", key, value))
        }
    }

    // MARK: Locations

    func location(of node: Node) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (fallbackLine, 1) }
        return (mark.line + lineOffset, mark.column)
    }

    mutating func report(_ message: String, at node: Node?, severity: Diagnostic.Severity = .error) {
        let (line, column) = node.map(location(of:)) ?? (fallbackLine, 1)
        let source = line >= 1 && line <= sourceLines.count ? String(sourceLines[line - 1]) : nil
        diagnostics.append(Diagnostic(severity, path: path, line: line, column: column, message: message, sourceLine: source))
    }

    /// Where each top-level field's value starts, for checks made after decoding.
    var fieldLocations: [String: SourceLocation] {
        var locations: [String: SourceLocation] = [:]
        for entry in entries {
            let (line, column) = location(of: entry.value)
            locations[entry.key] = SourceLocation(line: line, column: column)
        }
        return locations
    }

    func node(_ key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    /// Marks the fields a kind allows; any other top-level field is reported, to catch typos.
    mutating func rejectUnknownFields(allowed: Set<String>, kind: String) {
        for entry in entries where !allowed.contains(entry.key) {
            let suggestion = allowed.sorted().min { distance($0, entry.key) < distance($1, entry.key) }
            var message = "unknown field '\(entry.key)' for kind '\(kind)'"
            if let suggestion, distance(suggestion, entry.key) <= 3 {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; allowed fields are \(allowed.sorted().joined(separator: ", "))"
            }
            report(message, at: entry.keyNode)
        }
    }

    // MARK: Typed fields

    /// A non-empty string scalar.
    mutating func string(_ key: String, required: Bool, hint: String = "") -> String? {
        guard let node = node(key) else {
            if required { report("missing required field '\(key)'\(hint.isEmpty ? "" : "; add e.g. \(key): \(hint)")", at: nil) }
            return nil
        }
        return string(node, field: key, hint: hint)
    }

    mutating func string(_ node: Node, field: String, hint: String = "") -> String? {
        guard case .scalar(let scalar) = node else {
            report("field '\(field)' must be text, not a \(shape(of: node))\(hint.isEmpty ? "" : ", e.g. \(field): \(hint)")", at: node)
            return nil
        }
        let value = Self.trimmingWhitespace(scalar.string)
        // YAML's `~` is null, so empty; quoted, or given a tag, it is text. The tag is not resolved at
        // this point (Yams resolves lazily), so comparing it with `Tag(.null)` never matched. The tag is
        // looked at last: Yams makes a new `Tag` object for `.implicit` on each use.
        if value.isEmpty || scalar.style == .plain && scalar.string == "~" && scalar.tag == .implicit {
            report("field '\(field)' is empty; give it a value\(hint.isEmpty ? "" : ", e.g. \(field): \(hint)")", at: node)
            return nil
        }
        return value
    }

    /// A string that must have a shape (``ValueShape``), described by `rule`.
    mutating func string(_ key: String, required: Bool, matching shape: (String) -> Bool, rule: String, example: String) -> String? {
        guard let value = string(key, required: required, hint: example) else { return nil }
        guard shape(value) else {
            report("field '\(key)' is '\(value)' but must be \(rule), e.g. \(key): \(example)", at: node(key))
            return nil
        }
        return value
    }

    /// `text.trimmingCharacters(in: .whitespaces)`, without Foundation when nothing needs trimming.
    ///
    /// Foundation's trimming bridges the value through `NSString`; a value that starts
    /// and ends with an ASCII character other than a space or a tab, which most do, is returned as it is.
    static func trimmingWhitespace(_ text: String) -> String {
        func keeps(_ byte: UInt8?) -> Bool { byte.map { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 } ?? false }
        if keeps(text.utf8.first) && keeps(text.utf8.last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A sequence; reports any other shape.
    mutating func sequence(_ key: String, required: Bool, hint: String) -> [Node]? {
        guard let node = node(key) else {
            if required { report("missing required field '\(key)'; add a list, e.g. \(hint)", at: nil) }
            return nil
        }
        guard case .sequence(let sequence) = node else {
            report("field '\(key)' must be a list, not a \(shape(of: node)), e.g. \(hint)", at: node)
            return nil
        }
        return Array(sequence)
    }

    func shape(of node: Node) -> String {
        switch node {
        case .scalar: "single value"
        case .mapping: "mapping of fields"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    private func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }
}
