import Foundation
import Yams

/// Reads composed YAML nodes into typed values, collecting located errors instead of stopping.
///
/// Every reader returns `nil` after recording an error, or silently when the node itself is
/// missing (the enclosing ``mapping(_:what:required:optional:)`` already reported that), so
/// one pass over a file reports every problem once. Hand-written over Yams' nodes rather than Yams'
/// `YAMLDecoder`, whose `Codable` errors give no line and column and stop at the first problem.
struct YAMLReader {
    let path: String
    private(set) var errors: [StaffingError] = []

    init(path: String) {
        self.path = path
    }

    /// A mapping whose keys are all plain strings, with the key nodes kept for locations.
    struct Map {
        let node: Node
        let entries: [String: (key: Node, value: Node)]

        subscript(key: String) -> Node? { entries[key]?.value }
        func keyNode(_ key: String) -> Node? { entries[key]?.key }
    }

    // MARK: Errors

    mutating func fail(_ message: String, at node: Node?) {
        fail(message, at: node?.mark)
    }

    mutating func fail(_ message: String, at mark: Mark?) {
        errors.append(StaffingError(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    // MARK: Documents

    /// Composes `text`; records a located error for empty files and YAML syntax errors.
    mutating func document(_ text: String, describing what: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                fail("the file is empty; it should hold \(what)", at: nil as Mark?)
                return nil
            }
            return node
        } catch let error as YamlError {
            record(error)
        } catch {
            fail("could not read the YAML (\(error)); check the file is valid YAML", at: nil as Mark?)
        }
        return nil
    }

    private mutating func record(_ error: YamlError) {
        let message: String
        if case let .duplicatedKeysInMapping(duplicates, _) = error {
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            message = "key \(names) appears more than once in the same mapping; keep only one"
        } else {
            let problem = YAMLProblem(error)
            let detail = problem.context.map { "\(problem.text) \($0)" } ?? problem.text
            message = "YAML syntax error: \(detail); check indentation, quoting and colons here"
        }
        let problem = YAMLProblem(error)
        errors.append(StaffingError(path: path, line: problem.line ?? 1, column: problem.column ?? 1, message: message))
    }

    // MARK: Structures

    /// Reads a mapping, reporting missing `required` keys and keys outside `required + optional`.
    mutating func mapping(_ node: Node?, what: String, required: [String], optional: [String] = []) -> Map? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            fail("\(what) must be a mapping of keys (\(keyList(required + optional))), found \(kind(node))", at: node)
            return nil
        }
        let allowed = Set(required + optional)
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                fail("keys in \(what) must be plain words; valid keys: \(keyList(required + optional))", at: key)
                continue
            }
            guard allowed.contains(name) else {
                fail("unknown key '\(name)' in \(what); valid keys: \(keyList(required + optional))", at: key)
                continue
            }
            entries[name] = (key, value)
        }
        for name in required where entries[name] == nil {
            fail("\(what) is missing '\(name)'; add '\(name): ...'", at: node)
        }
        return Map(node: node, entries: entries)
    }

    /// Reads a sequence; with `nonEmpty`, an empty one is an error.
    mutating func sequence(_ node: Node?, what: String, nonEmpty: Bool = true) -> [Node]? {
        guard let node else { return nil }
        guard let sequence = node.sequence else {
            fail("\(what) must be a list (items starting with '- '), found \(kind(node))", at: node)
            return nil
        }
        if nonEmpty && sequence.isEmpty {
            fail("\(what) is empty; add at least one item", at: node)
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    /// Reads a non-empty string (surrounding whitespace removed).
    mutating func text(_ node: Node?, what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            fail("\(what) must be text, found \(kind(node))", at: node)
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            fail("\(what) is empty; write it out", at: node)
            return nil
        }
        return value
    }

    /// Reads a decimal number written plainly (e.g. `40`, `187.00`).
    mutating func decimal(_ node: Node?, what: String) -> Decimal? {
        guard let node else { return nil }
        guard let scalar = node.scalar, let value = NumberText.decimal(scalar.string.trimmed) else {
            fail("\(what) must be a plain number like 40 or 187.00, found \(shown(node))", at: node)
            return nil
        }
        return value
    }

    /// Reads a whole number of at least `minimum`.
    mutating func count(_ node: Node?, what: String, minimum: Int = 0) -> Int? {
        guard let node else { return nil }
        if let text = node.scalar?.string.trimmed, let problem = NumberText.countProblem(text) {
            fail("\(what) \(problem)", at: node)
            return nil
        }
        guard let scalar = node.scalar, let value = NumberText.integer(scalar.string.trimmed) else {
            fail("\(what) must be a whole number written with digits only, like 17; found \(shown(node))", at: node)
            return nil
        }
        guard value >= minimum else {
            fail("\(what) must be at least \(minimum), found \(value)", at: node)
            return nil
        }
        return value
    }

    /// Reads `true` or `false`.
    mutating func bool(_ node: Node?, what: String) -> Bool? {
        guard let node else { return nil }
        switch node.scalar?.string.trimmed.lowercased() {
        case "true": return true
        case "false": return false
        default:
            fail("\(what) must be true or false, found \(shown(node))", at: node)
            return nil
        }
    }

    /// Reads an occupation code such as `2345-5035` (four digits, hyphen, four digits).
    mutating func occupationCode(_ node: Node?, what: String) -> String? {
        guard let code = text(node, what: what) else { return nil }
        guard OccupationCode.isValid(code) else {
            fail("\(what) '\(code)' is not an occupation code; write it as four digits, a hyphen and four digits, in quotes, e.g. \"2345-5035\"", at: node)
            return nil
        }
        return code
    }

    // MARK: Wording

    private func keyList(_ keys: [String]) -> String { keys.joined(separator: ", ") }

    private func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func shown(_ node: Node) -> String {
        if let scalar = node.scalar { return scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'" }
        return kind(node)
    }
}
