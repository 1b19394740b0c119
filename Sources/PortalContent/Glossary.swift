import Foundation
import Yams

/// The abbreviations the content uses, from `Content/data/glossary.yaml`: each term, what it stands for, and what it means.
///
/// A glossary page lists them, bodies mark each term's first use with
/// `<abbr>`, search treats a term and its expansions as the same words, and
/// ``GlossaryCheck`` warns about capitalized abbreviations that have no entry.
public struct Glossary: Sendable, Equatable {
    /// One abbreviation.
    public struct Entry: Sendable, Equatable {
        /// As the content writes it, e.g. "CRC" or "Mgr".
        public var term: String
        /// What it stands for, e.g. "Customer Relations Coordinator"; the first is the one shown in `<abbr title>`.
        public var expansions: [String]
        public var definition: String
        public var line: Int

        public init(term: String, expansions: [String], definition: String, line: Int = 1) {
            self.term = term
            self.expansions = expansions
            self.definition = definition
            self.line = line
        }

        /// "Customer Relations Coordinator" or "Manager; Management".
        public var title: String { expansions.joined(separator: "; ") }

        /// The page anchor of the entry, e.g. `term-crc`.
        public var anchor: String {
            "term-" + String(term.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
        }
    }

    /// The data file, relative to `Content/data/`.
    public static let fileName = "glossary.yaml"
    public static let displayPath = "Content/data/glossary.yaml"

    /// In the order of the file.
    public let entries: [Entry]
    /// Each term as written and in capitals; a term's own spelling wins over another's capitals.
    private let byWord: [String: Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
        var table: [String: Entry] = [:]
        for entry in entries where table[entry.term.uppercased()] == nil { table[entry.term.uppercased()] = entry }
        for entry in entries { table[entry.term] = entry }
        byWord = table
    }

    /// The entry for a word as written: exactly, or in capitals ("MGR" for "Mgr").
    public func entry(for word: Substring) -> Entry? {
        byWord[String(word)]
    }

    /// The site's glossary and the problems with its file; an empty glossary when the site has none.
    public static func load(from site: ContentSite) -> (glossary: Glossary, problems: [Diagnostic]) {
        guard let text = site.dataFiles[fileName] else { return (Glossary(), []) }
        return parse(text)
    }

    /// Reads the file: a list of mappings with `term`, `expansions` (a string or a list) and `definition`.
    public static func parse(_ text: String, path: String = displayPath) -> (glossary: Glossary, problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func fail(_ message: String, _ mark: Mark?) {
            problems.append(Diagnostic(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return (Glossary(), []) }
            root = node
        } catch let error as YamlError {
            if case .scanner(_, let problem, let mark, _) = error { fail("the YAML is not valid: \(problem)", mark) }
            else if case .parser(_, let problem, let mark, _) = error { fail("the YAML is not valid: \(problem)", mark) }
            else { fail("the YAML is not valid (\(error))", nil) }
            return (Glossary(), problems)
        } catch {
            fail("the YAML is not valid (\(error))", nil)
            return (Glossary(), problems)
        }
        guard let items = root.sequence else {
            fail("the glossary should be a list of entries, each with term, expansions and definition (see docs/authoring-guide.md)", root.mark)
            return (Glossary(), problems)
        }
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let entry = Self.entry(item, fail: fail) else { continue }
            if let first = seen[entry.term.uppercased()] {
                fail("'\(entry.term)' is already defined on line \(first); keep one entry per term", item.mark)
                continue
            }
            seen[entry.term.uppercased()] = entry.line
            entries.append(entry)
        }
        return (Glossary(entries: entries), problems)
    }

    private static func entry(_ item: Node, fail: (String, Mark?) -> Void) -> Entry? {
        guard let map = item.mapping else {
            fail("each glossary entry should be a mapping with term, expansions and definition", item.mark)
            return nil
        }
        var fields: [String: Node] = [:]
        for (key, value) in map {
            guard let name = key.scalar?.string, ["term", "expansions", "definition"].contains(name) else {
                fail("unknown field '\(key.scalar?.string ?? "?")'; an entry has term, expansions and definition", key.mark)
                continue
            }
            fields[name] = value
        }
        guard let term = fields["term"]?.scalar?.string.trimmingCharacters(in: .whitespaces), !term.isEmpty else {
            fail("the entry has no term; add e.g. 'term: CRC'", fields["term"]?.mark ?? item.mark)
            return nil
        }
        guard term.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
            fail("the term '\(term)' should be one word of letters and digits, as the content writes it", fields["term"]?.mark)
            return nil
        }
        var expansions: [String] = []
        if let scalar = fields["expansions"]?.scalar {
            expansions = [scalar.string]
        } else if let list = fields["expansions"]?.sequence {
            for value in list {
                guard let text = value.scalar?.string else {
                    fail("each expansion should be text", value.mark)
                    continue
                }
                expansions.append(text)
            }
        }
        expansions = expansions.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !expansions.isEmpty else {
            fail("'\(term)' has no expansions; add what it stands for, e.g. 'expansions: [Customer Relations Coordinator]'", fields["expansions"]?.mark ?? item.mark)
            return nil
        }
        guard let definition = fields["definition"]?.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !definition.isEmpty else {
            fail("'\(term)' has no definition; add a short one", fields["definition"]?.mark ?? item.mark)
            return nil
        }
        return Entry(term: term, expansions: expansions, definition: definition, line: item.mark?.line ?? 1)
    }
}
