import PortalMarkdown

/// The computed redline between two versions of a position description.
///
/// Sections are matched by heading, then the paragraphs and list items of each
/// section are matched with ``SequenceAligner``, and each changed pair gets a
/// word-level ``WordDiff``. A list item's number is kept apart from its text,
/// so an item that is only renumbered (the seed's hand-made "3.4.") comes out
/// unchanged with its old and new numbers, and one that moved comes out as
/// moved, never as a deleted and re-inserted copy.
public struct PositionRedline: Sendable {
    /// A paragraph, heading or list item of a position description, as plain text.
    public struct Unit: Sendable, Hashable {
        public var text: String
        /// The item's number in an ordered list; nil for paragraphs and bulleted items.
        public var number: Int?

        public init(text: String, number: Int? = nil) {
            self.text = text
            self.number = number
        }

        /// Units compare by text alone, so renumbering never counts as a change.
        public static func == (lhs: Unit, rhs: Unit) -> Bool { lhs.text == rhs.text }
        public func hash(into hasher: inout Hasher) { hasher.combine(text) }
    }

    /// One section of a version: its heading ("" before the first heading) and its units.
    public struct Section: Sendable, Equatable {
        public var title: String
        public var units: [Unit]

        public init(title: String, units: [Unit]) {
            self.title = title
            self.units = units
        }
    }

    public enum Change: String, Sendable {
        case unchanged, changed, moved, deleted, inserted
    }

    /// One aligned unit: the old and new texts (either may be missing) and the diff between them.
    public struct Row: Sendable, Equatable {
        public var change: Change
        public var old: Unit?
        public var new: Unit?
        /// The word diff; for a deleted or inserted unit, one change segment holding all of it.
        public var segments: [WordDiff.Segment]

        /// Whether the item's number differs between the versions.
        public var isRenumbered: Bool {
            old?.number != nil && new?.number != nil && old?.number != new?.number
        }
    }

    /// One aligned section.
    public struct SectionDiff: Sendable, Equatable {
        public var title: String
        public var change: Change
        public var rows: [Row]
    }

    public let sections: [SectionDiff]

    /// Whether anything differs between the versions, renumbering included.
    public var hasChanges: Bool {
        sections.contains { $0.change != .unchanged || $0.rows.contains { $0.isRenumbered } }
    }

    public init(old: [Section], new: [Section]) {
        let steps = SequenceAligner.align(
            old: old.map { Self.key($0.title) }, new: new.map { Self.key($0.title) }, threshold: 1,
            replacementThreshold: .infinity, similarity: { _, _ in 0 })
        sections = steps.map { step in
            switch step {
            case .kept(let i, let j), .moved(let i, let j):
                let rows = Self.rows(old: old[i].units, new: new[j].units)
                let isMoved: Bool
                if case .moved = step { isMoved = true } else { isMoved = false }
                let change: Change = isMoved ? .moved : rows.allSatisfy { $0.change == .unchanged } ? .unchanged : .changed
                return SectionDiff(title: new[j].title, change: change, rows: rows)
            case .deleted(let i):
                return SectionDiff(title: old[i].title, change: .deleted, rows: old[i].units.map {
                    Row(change: .deleted, old: $0, new: nil, segments: [.change(deleted: WordDiff.tokens($0.text), inserted: [])])
                })
            case .inserted(let j):
                return SectionDiff(title: new[j].title, change: .inserted, rows: new[j].units.map {
                    Row(change: .inserted, old: nil, new: $0, segments: [.change(deleted: [], inserted: WordDiff.tokens($0.text))])
                })
            }
        }
    }

    /// Compares the two versions' Markdown, as parsed by ``MarkdownParser``.
    public init(old: MarkdownDocument, new: MarkdownDocument) {
        self.init(old: Self.sections(of: old), new: Self.sections(of: new))
    }

    /// Cuts a position description at its level-2 headings into paragraphs and list items.
    public static func sections(of markdown: MarkdownDocument) -> [Section] {
        var sections: [Section] = []
        for block in markdown.blocks {
            if case .heading(2) = block.kind {
                sections.append(Section(title: block.text, units: []))
                continue
            }
            if sections.isEmpty { sections.append(Section(title: "", units: [])) }
            let units: [Unit]
            switch block.kind {
            case .code(let info, let literal):
                units = info.isEmpty ? [Unit(text: literal)] : []
            case .heading, .table, .footnotes, .other:
                if !block.parts.isEmpty {
                    units = block.parts.map { Unit(text: $0.text, number: $0.number) }
                } else {
                    units = block.text.isEmpty ? [] : [Unit(text: block.text)]
                }
            }
            sections[sections.count - 1].units += units
        }
        return sections.filter { !($0.title.isEmpty && $0.units.isEmpty) }
    }

    static func key(_ title: String) -> String {
        title.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }

    /// A unit as the aligner sees it: equal to another when their texts are, with its place on its own side.
    struct AlignedUnit: Hashable {
        /// The same number for the same text, on either side.
        var text: Int
        var index: Int

        static func == (lhs: AlignedUnit, rhs: AlignedUnit) -> Bool { lhs.text == rhs.text }
        func hash(into hasher: inout Hasher) { hasher.combine(text) }
    }

    static func rows(old: [Unit], new: [Unit]) -> [Row] {
        let oldTokens = old.map { WordDiff.tokens($0.text) }
        let newTokens = new.map { WordDiff.tokens($0.text) }
        // Each distinct text is hashed once, here: the aligner compares and looks up units many times over,
        // and then compares numbers instead of hashing whole paragraphs each time.
        var textNumbers: [String: Int] = [:]
        func aligned(_ units: [Unit]) -> [AlignedUnit] {
            units.indices.map { index in
                let text = units[index].text
                if let known = textNumbers[text] { return AlignedUnit(text: known, index: index) }
                textNumbers[text] = textNumbers.count
                return AlignedUnit(text: textNumbers.count - 1, index: index)
            }
        }
        let oldUnits = aligned(old), newUnits = aligned(new)
        // A section of one paragraph on each side ("Supervision") is that paragraph rewritten, however little is shared.
        let replacementThreshold = old.count == 1 && new.count == 1 ? 0 : 0.25
        // Words become small integers once, so the many comparisons of the alignment are cheap.
        var vocabulary = WordDiff.Vocabulary(capacity: (oldTokens.reduce(0) { $0 + $1.count } + newTokens.reduce(0) { $0 + $1.count }) / 2)
        let oldIDs = oldTokens.map { vocabulary.ids($0) }, newIDs = newTokens.map { vocabulary.ids($0) }
        let oldBags = oldIDs.map(WordDiff.bag), newBags = newIDs.map(WordDiff.bag)
        let steps = SequenceAligner.align(
            old: oldUnits, new: newUnits, replacementThreshold: replacementThreshold,
            // Shared words can't outnumber the words both bags hold, so most pairs are ruled out without a diff.
            bound: { a, b in WordDiff.similarityBound(oldBags[a.index], newBags[b.index]) },
            similarity: { a, b in WordDiff.similarity(oldIDs[a.index], newIDs[b.index]) })
        return steps.map { step in
            switch step {
            case .kept(let i, let j), .moved(let i, let j):
                let segments = WordDiff.cleanUp(
                    WordDiff.segments(from: oldTokens[i], to: newTokens[j], oldIDs: oldIDs[i], newIDs: newIDs[j]))
                let identical = old[i].text == new[j].text
                let change: Change
                if case .moved = step { change = .moved } else { change = identical ? .unchanged : .changed }
                return Row(change: change, old: old[i], new: new[j], segments: segments)
            case .deleted(let i):
                return Row(change: .deleted, old: old[i], new: nil, segments: [.change(deleted: oldTokens[i], inserted: [])])
            case .inserted(let j):
                return Row(change: .inserted, old: nil, new: new[j], segments: [.change(deleted: [], inserted: newTokens[j])])
            }
        }
    }
}
