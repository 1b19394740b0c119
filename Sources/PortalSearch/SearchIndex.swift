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
        TermOrder.sorted(Array(postings.keys))
    }

    /// Compares terms by Unicode code units as JavaScript's `<` does, so Swift and the browser agree on shard ranges.
    public static func termOrder(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// Indexes `documents` in the order given; that order is each document's number.
    public init(documents: [SearchDocument], ranking: SearchRanking = SearchRanking()) {
        self.init(documents: documents, terms: documents.map(SearchDocumentTerms.init), ranking: ranking)
    }

    /// Indexes `documents` from their already tokenized `terms`, as ``init(documents:ranking:)`` would.
    ///
    /// `terms[i]` must be `SearchDocumentTerms(documents[i])`, or its decoded
    /// copy from a cache; a count of units that does not match the document's
    /// parts stops the program rather than index parts that do not exist.
    public init(documents: [SearchDocument], terms: [SearchDocumentTerms], ranking: SearchRanking = SearchRanking()) {
        precondition(documents.count == terms.count, "one SearchDocumentTerms per document")
        for (number, document) in documents.enumerated() {
            precondition(terms[number].units.count == document.parts.count + 1, "terms of another version of document \(number)")
        }
        self.documents = documents
        (postings, prunedCounts) = PostingsBuilder(documents: terms, ranking: ranking).postings()
    }
}

/// The arithmetic of ``SearchIndex``, over term numbers and flat arrays.
///
/// Every (term, part) pair is one posting, so a term's posting count is the
/// number of parts that contain it: counting those first lets every list be
/// filled in place, already in (document, part) order.
private struct PostingsBuilder {
    typealias Field = SearchRanking.Field

    let ranking: SearchRanking
    var names: [String] = []
    /// Where each list starts in `postingUnit`/`postingImpact`; a term's list ends where the next one starts.
    var listStart: [Int] = []
    var postingUnit: [Int32] = []
    var postingImpact: [Int] = []
    /// By unit number, in order: the document and the part.
    var unitDocument: [Int32] = []
    var unitPart: [Int32] = []

    init(documents: [SearchDocumentTerms], ranking: SearchRanking) {
        self.ranking = ranking
        // Term numbers for each document's own terms, and how many parts contain each term.
        var table = TermTable(capacity: 4096)
        var globalTerm: [Int32] = []
        globalTerm.reserveCapacity(documents.reduce(0) { $0 + $1.terms.count })
        var partsContaining: [Int] = []
        var lengthSums = [0, 0, 0]
        var nonEmptyFields = [0, 0, 0]
        var unitCount = 0
        for document in documents {
            let base = globalTerm.count
            for term in document.terms {
                let number = table.insert(term)
                if number == names.count {
                    names.append(term)
                    partsContaining.append(0)
                }
                globalTerm.append(Int32(number))
            }
            for unit in document.units {
                unitCount += 1
                for field in Field.allCases where unit.lengths[field] > 0 {
                    lengthSums[field.rawValue] += Int(unit.lengths[field])
                    nonEmptyFields[field.rawValue] += 1
                }
                for entry in unit.terms { partsContaining[Int(globalTerm[base + Int(entry.term)])] += 1 }
            }
        }
        let averages = Field.allCases.map { field in
            nonEmptyFields[field.rawValue] == 0 ? 1 : Double(lengthSums[field.rawValue]) / Double(nonEmptyFields[field.rawValue])
        }
        let weights = Field.allCases.map(ranking.weight)
        let idf = partsContaining.map { ranking.idf(partsContaining: $0, of: unitCount) }

        listStart.reserveCapacity(names.count + 1)
        var total = 0
        for count in partsContaining {
            listStart.append(total)
            total += count
        }
        listStart.append(total)
        var next = listStart
        postingUnit = [Int32](repeating: 0, count: total)
        postingImpact = [Int](repeating: 0, count: total)
        unitDocument.reserveCapacity(unitCount)
        unitPart.reserveCapacity(unitCount)

        var base = 0
        for (number, document) in documents.enumerated() {
            for (part, unit) in document.units.enumerated() {
                let unitNumber = Int32(unitDocument.count)
                unitDocument.append(Int32(number))
                unitPart.append(Int32(part))
                let titleNorm = ranking.norm(length: Int(unit.lengths.title), average: averages[Field.title.rawValue])
                let codeNorm = ranking.norm(length: Int(unit.lengths.code), average: averages[Field.code.rawValue])
                let bodyNorm = ranking.norm(length: Int(unit.lengths.body), average: averages[Field.body.rawValue])
                for entry in unit.terms {
                    let term = Int(globalTerm[base + Int(entry.term)])
                    // In `Field` order, as `SearchRanking.score` sums.
                    var weighted = 0.0
                    if entry.counts.title > 0 {
                        weighted += ranking.weightedFrequency(Int(entry.counts.title), weight: weights[Field.title.rawValue], norm: titleNorm)
                    }
                    if entry.counts.code > 0 {
                        weighted += ranking.weightedFrequency(Int(entry.counts.code), weight: weights[Field.code.rawValue], norm: codeNorm)
                    }
                    if entry.counts.body > 0 {
                        weighted += ranking.weightedFrequency(Int(entry.counts.body), weight: weights[Field.body.rawValue], norm: bodyNorm)
                    }
                    let slot = next[term]
                    next[term] = slot + 1
                    postingUnit[slot] = unitNumber
                    postingImpact[slot] = ranking.impact(ranking.score(idf: idf[term], weighted: weighted))
                }
            }
            base += document.terms.count
        }
    }

    /// The lists by term, those longer than the limit cut to their best parts, and the cut terms' full counts.
    func postings() -> ([String: [SearchIndex.Posting]], [String: Int]) {
        var postings: [String: [SearchIndex.Posting]] = [:]
        postings.reserveCapacity(names.count)
        var pruned: [String: Int] = [:]
        let limit = ranking.maximumPostingsPerTerm
        var histogram: [Int] = []
        for (term, name) in names.enumerated() {
            let range = listStart[term]..<listStart[term + 1]
            var list: [SearchIndex.Posting] = []
            if range.count > limit {
                pruned[name] = range.count
                // Keep the `limit` highest impacts, ties to the earlier part: everything above
                // the impact of the limit-th best, then as many at that impact as fit, in order.
                var (threshold, atThreshold) = (0, 0)
                let maximum = postingImpact[range].max()!
                if maximum <= 1 << 16 {
                    if histogram.count <= maximum { histogram = [Int](repeating: 0, count: maximum + 1) }
                    for slot in range { histogram[postingImpact[slot]] += 1 }
                    threshold = maximum
                    var above = 0
                    while above + histogram[threshold] < limit {
                        above += histogram[threshold]
                        threshold -= 1
                    }
                    atThreshold = limit - above
                    for slot in range { histogram[postingImpact[slot]] = 0 }
                } else {
                    threshold = postingImpact[range].sorted(by: >)[limit - 1]
                    atThreshold = limit - postingImpact[range].filter { $0 > threshold }.count
                }
                list.reserveCapacity(limit)
                for slot in range {
                    let impact = postingImpact[slot]
                    if impact > threshold || (impact == threshold && atThreshold > 0) {
                        if impact == threshold { atThreshold -= 1 }
                        list.append(posting(slot))
                    }
                }
            } else {
                list.reserveCapacity(range.count)
                for slot in range { list.append(posting(slot)) }
            }
            postings[name] = list
        }
        return (postings, pruned)
    }

    private func posting(_ slot: Int) -> SearchIndex.Posting {
        let unit = Int(postingUnit[slot])
        return SearchIndex.Posting(document: Int(unitDocument[unit]), part: Int(unitPart[unit]), impact: postingImpact[slot])
    }
}
