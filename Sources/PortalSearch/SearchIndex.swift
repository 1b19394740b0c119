/// The inverted index: for each term, the parts that contain it with their impacts.
public struct SearchIndex: Sendable, Equatable {
    /// One part that contains a term.
    public struct Posting: Sendable, Equatable, Comparable {
        /// The document's position in ``SearchIndex/documents``.
        public var document: Int
        /// 0 for the document itself, then its parts from 1.
        public var part: Int
        public var impact: Int

        public static func < (lhs: Posting, rhs: Posting) -> Bool {
            (lhs.document, lhs.part) < (rhs.document, rhs.part)
        }
    }

    public var documents: [SearchDocument]
    /// Postings by term, each list in (document, part) order.
    public var postings: [String: [Posting]]
    /// For a term whose list was cut to ``SearchRanking/maximumPostingsPerTerm``, how many parts contain it.
    public var prunedCounts: [String: Int] = [:]

    /// Every term in Unicode scalar order, the order shards and the browser use.
    public var sortedTerms: [String] {
        postings.keys.sorted(by: SearchIndex.termOrder)
    }

    /// Compares terms by Unicode code units as JavaScript's `<` does, so Swift and the browser agree on shard ranges.
    public static func termOrder(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// Indexes `documents` in the order given; that order is each document's number.
    public init(documents: [SearchDocument], ranking: SearchRanking = SearchRanking()) {
        self.documents = documents
        typealias Field = SearchRanking.Field
        struct Unit {
            var document: Int
            var part: Int
            var fields: [Field: [String]]
        }
        var units: [Unit] = []
        for (number, document) in documents.enumerated() {
            let code = [document.occupationCode, document.grade].compactMap { $0 }.joined(separator: " ")
            units.append(Unit(document: number, part: 0, fields: [
                .title: SearchTokenizer.terms(in: document.title),
                .code: SearchTokenizer.terms(in: code),
                .body: SearchTokenizer.terms(in: document.text),
            ]))
            for (index, part) in document.parts.enumerated() {
                units.append(Unit(document: number, part: index + 1, fields: [
                    .title: SearchTokenizer.terms(in: part.heading),
                    .body: SearchTokenizer.terms(in: part.text),
                ]))
            }
        }
        var averages: [Field: Double] = [:]
        for field in Field.allCases {
            let lengths = units.compactMap { $0.fields[field] }.filter { !$0.isEmpty }.map(\.count)
            averages[field] = lengths.isEmpty ? 1 : Double(lengths.reduce(0, +)) / Double(lengths.count)
        }
        // Term frequencies per unit, then document frequencies over units.
        var frequencies: [[String: [Field: Int]]] = []
        var partsContaining: [String: Int] = [:]
        for unit in units {
            var counts: [String: [Field: Int]] = [:]
            for (field, terms) in unit.fields {
                for term in terms { counts[term, default: [:]][field, default: 0] += 1 }
            }
            for term in counts.keys { partsContaining[term, default: 0] += 1 }
            frequencies.append(counts)
        }
        var postings: [String: [Posting]] = [:]
        for (position, unit) in units.enumerated() {
            let lengths = unit.fields.mapValues(\.count)
            for (term, counts) in frequencies[position] {
                let idf = ranking.idf(partsContaining: partsContaining[term]!, of: units.count)
                let score = ranking.score(idf: idf, frequencies: counts, lengths: lengths, averages: averages)
                postings[term, default: []].append(Posting(document: unit.document, part: unit.part, impact: ranking.impact(score)))
            }
        }
        let limit = ranking.maximumPostingsPerTerm
        for (term, list) in postings where list.count > limit {
            prunedCounts[term] = list.count
            let kept = list.sorted { ($0.impact, $1.document, $1.part) > ($1.impact, $0.document, $0.part) }.prefix(limit)
            postings[term] = kept.sorted()
        }
        self.postings = postings
    }
}
