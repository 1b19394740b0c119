/// What tokenizing one ``SearchDocument`` yields: per unit and field, each term's count and the field's length.
///
/// Unit 0 is the document itself (title, occupation code and grade, text),
/// then unit *i* is part *i* (heading as title, text as body). This is all
/// ``SearchIndex`` needs from a document's text, so a build cache can keep it
/// for documents that did not change (see ``BuilderSnapshot``) and skip tokenizing them.
///
/// A unit's text is two runs of terms, as the browser's phrase check reads
/// it: the title, then the code and body together. Each term's positions
/// number the terms of the title from 0, then those of the code and body from
/// one past the title's end, so two terms at positions `p` and `p + 1` stand
/// next to each other in one run (stop words, lone letters and overlong words
/// have no position, as the browser skips them too).
public struct SearchDocumentTerms: Sendable, Equatable {
    /// A count per field of ``SearchRanking/Field``.
    public struct FieldCounts: Sendable, Equatable {
        public var title: Int32
        public var code: Int32
        public var body: Int32

        public init(title: Int32 = 0, code: Int32 = 0, body: Int32 = 0) {
            self.title = title
            self.code = code
            self.body = body
        }

        public subscript(field: SearchRanking.Field) -> Int32 {
            get {
                switch field {
                case .title: title
                case .code: code
                case .body: body
                }
            }
            set {
                switch field {
                case .title: title = newValue
                case .code: code = newValue
                case .body: body = newValue
                }
            }
        }
    }

    /// One term of a unit: how often it occurs in each field.
    public struct TermCounts: Sendable, Equatable {
        /// The term's position in ``SearchDocumentTerms/terms``.
        public var term: Int32
        public var counts: FieldCounts

        public init(term: Int32, counts: FieldCounts) {
            self.term = term
            self.counts = counts
        }
    }

    /// The document itself or one of its parts.
    public struct Unit: Sendable, Equatable {
        /// Each field's length in terms, repeats counted.
        public var lengths: FieldCounts
        /// The unit's distinct terms, in order of first appearance (title, code, then body).
        public var terms: [TermCounts]
        /// Each term's positions, ascending, one term after another in the order of `terms`: as many as the
        /// term's counts add up to. Empty when the unit is too long to number in 16 bits (``hasPositions(_:)``).
        public var positions: [UInt16]

        public init(lengths: FieldCounts, terms: [TermCounts], positions: [UInt16] = []) {
            self.lengths = lengths
            self.terms = terms
            self.positions = positions
        }
    }

    /// Whether a unit of these field lengths has positions: its last position, the title's length plus the
    /// code's and body's, must fit in 16 bits. Past that the browser checks the unit's text instead.
    public static func hasPositions(_ lengths: FieldCounts) -> Bool {
        Int(lengths.title) + Int(lengths.code) + Int(lengths.body) <= Int(UInt16.max)
    }

    /// The document's distinct terms, in order of first appearance; units refer to them by position.
    public var terms: [String]
    /// The document (unit 0), then its parts in order.
    public var units: [Unit]

    public init(terms: [String], units: [Unit]) {
        self.terms = terms
        self.units = units
    }

    /// Tokenizes `document` with ``SearchTokenizer``.
    public init(_ document: SearchDocument) {
        var builder = Builder()
        let code = [document.occupationCode, document.grade].compactMap { $0 }.joined(separator: " ")
        builder.addUnit(title: document.title, code: code, body: document.text)
        for part in document.parts {
            builder.addUnit(title: part.heading, code: "", body: part.text)
        }
        terms = (0..<builder.table.count).map(builder.table.string)
        units = builder.units
    }

    private struct Builder {
        var table = TermTable(capacity: 256)
        var units: [Unit] = []
        /// By term number: its counts in the unit being built, all zero for a term the unit has not seen.
        var counts: [FieldCounts] = []
        /// The unit's terms in order of first appearance.
        var seen: [Int32] = []
        /// The unit's terms in text order, title then code and body; its index is not the position (the gap after the title).
        var sequence: [Int32] = []
        /// By term number: where its next position goes in the unit's positions.
        var cursor: [Int] = []

        mutating func addUnit(title: String, code: String, body: String) {
            var lengths = FieldCounts()
            for (field, text) in [(SearchRanking.Field.title, title), (.code, code), (.body, body)] where !text.isEmpty {
                var length: Int32 = 0
                SearchTokenizer.forEachTerm(in: text) { bytes in
                    let term = table.insert(bytes)
                    if term == counts.count {
                        counts.append(FieldCounts())
                        cursor.append(0)
                    }
                    if counts[term] == FieldCounts() { seen.append(Int32(term)) }
                    switch field {
                    case .title: counts[term].title += 1
                    case .code: counts[term].code += 1
                    case .body: counts[term].body += 1
                    }
                    sequence.append(Int32(term))
                    length += 1
                }
                lengths[field] = length
            }
            var terms: [TermCounts] = []
            terms.reserveCapacity(seen.count)
            for term in seen { terms.append(TermCounts(term: term, counts: counts[Int(term)])) }
            let positions = SearchDocumentTerms.hasPositions(lengths) ? positions(of: terms, titleLength: Int(lengths.title)) : []
            for term in seen { counts[Int(term)] = FieldCounts() }
            seen.removeAll(keepingCapacity: true)
            sequence.removeAll(keepingCapacity: true)
            units.append(Unit(lengths: lengths, terms: terms, positions: positions))
        }

        /// Each of `terms`' positions, grouped by term in the order of `terms` (a counting sort of `sequence`).
        private mutating func positions(of terms: [TermCounts], titleLength: Int) -> [UInt16] {
            var next = 0
            for entry in terms {
                cursor[Int(entry.term)] = next
                next += Int(entry.counts.title + entry.counts.code + entry.counts.body)
            }
            var positions = [UInt16](repeating: 0, count: next)
            for (index, term) in sequence.enumerated() {
                // The code and body run starts one past the title's end, so no phrase spans the two runs.
                let position = index < titleLength ? index : index + 1
                positions[cursor[Int(term)]] = UInt16(position)
                cursor[Int(term)] += 1
            }
            return positions
        }
    }
}
