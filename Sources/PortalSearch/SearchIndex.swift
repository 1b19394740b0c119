import PortalWork

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
    /// By term, for each posting of its list in order: the count `n` of the term's positions in that part,
    /// then the `n` positions ascending (see ``SearchDocumentTerms``); `n` is 0 when the part has none
    /// (too long, or made without them), and the browser's phrase check then reads the part's text.
    public var positions: [String: [UInt16]] = [:]

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
        var builder = Builder(ranking: ranking)
        for document in terms { builder.add(document) }
        self.init(documents: documents, builder: builder)
    }

    /// Indexes `documents` from a builder that was given each one's terms, in the same order.
    ///
    /// - Parameter jobs: threads that work out impacts and lists side by side; the index is the same for any number.
    public init(documents: [SearchDocument], builder: consuming Builder, jobs: Int = 1) {
        precondition(documents.count == builder.unitCounts.count, "one SearchDocumentTerms per document")
        for (number, document) in documents.enumerated() {
            precondition(builder.unitCounts[number] == document.parts.count + 1, "terms of another version of document \(number)")
        }
        self.documents = documents
        (postings, prunedCounts, positions) = builder.postings(jobs: jobs)
    }

    /// Gathers the index one document's terms at a time, so a caller need not hold every document's terms at once.
    ///
    /// It keeps each term once and, per (part, term) pair, only the term's number
    /// and its counts, packed; ``SearchIndex/init(documents:builder:)`` works out
    /// the impacts, which need every document's lengths and counts first.
    public struct Builder: Sendable {
        typealias Field = SearchRanking.Field
        typealias FieldCounts = SearchDocumentTerms.FieldCounts

        let ranking: SearchRanking
        private var table = TermTable(capacity: 4096)
        private var names: [String] = []
        /// By term number: how many parts contain it.
        private var partsContaining: [Int] = []
        private var lengthSums = [0, 0, 0]
        private var nonEmptyFields = [0, 0, 0]
        /// By document: its number of units (itself, then its parts).
        private(set) var unitCounts: [Int] = []
        /// By unit, in order: the field lengths, and where its entries end.
        private var unitLengths: [FieldCounts] = []
        private var unitEnds: [Int] = []
        /// By entry, one per (unit, term) pair in order: the term's number and its counts, packed
        /// as 8 bits of title, 8 of code and 16 of body. Counts too large for that are in `largeCounts`.
        private var entryTerms: [Int32] = []
        private var entryCounts: [UInt32] = []
        private var largeCounts: [Int: FieldCounts] = [:]
        /// By unit, in order: its entries' positions, as ``SearchDocumentTerms/Unit/positions`` lists them, and where
        /// they end; a unit without positions has an empty range.
        private var positions: [UInt16] = []
        private var unitPositionEnds: [Int] = []

        public init(ranking: SearchRanking = SearchRanking()) {
            self.ranking = ranking
        }

        /// A builder whose terms are numbered as in `dictionary` (the terms of a previous builder's ``usedDictionary``), so that
        /// documents cached under those numbers can be added; nil when a term is empty or listed twice.
        ///
        /// A term that no document added to this builder contains has no list in the index.
        public init?(ranking: SearchRanking = SearchRanking(), dictionary: [String]) {
            self.ranking = ranking
            table = TermTable(capacity: max(4096, dictionary.count))
            for term in dictionary {
                guard !term.isEmpty, table.insert(term) == names.count else { return nil }
                names.append(term)
            }
            partsContaining = Array(repeating: 0, count: names.count)
        }

        /// Makes room for `entries` (unit, term) pairs and their `positions`, when the caller has an idea of how many are coming.
        public mutating func reserveCapacity(entries: Int, positions: Int = 0) {
            entryTerms.reserveCapacity(entries)
            entryCounts.reserveCapacity(entries)
            self.positions.reserveCapacity(positions)
        }

        /// Every term numbered so far, in number order.
        public var dictionary: [String] { names }

        /// What a cache keeps for the next builder: the dictionary without the terms no added document
        /// contains, in number order, and each term's new number (-1 when dropped); nil numbers when every term is kept.
        ///
        /// Unused terms are kept until they are an eighth of the dictionary: they cost the next build only
        /// their share of the dictionary, while dropping them renumbers every cached document.
        public var usedDictionary: (terms: [String], numbers: [Int32]?) {
            let unused = partsContaining.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            guard unused > 0, unused * 8 >= names.count else { return (names, nil) }
            var terms: [String] = []
            let numbers = zip(names, partsContaining).map { name, parts -> Int32 in
                guard parts > 0 else { return -1 }
                terms.append(name)
                return Int32(terms.count - 1)
            }
            return (terms, numbers)
        }

        /// Adds the next document's terms; documents are numbered in the order they are added.
        ///
        /// - Returns: the number of each of the document's terms in ``dictionary``.
        @discardableResult
        public mutating func add(_ document: SearchDocumentTerms) -> [Int32] {
            var numbers: [Int32] = []
            numbers.reserveCapacity(document.terms.count)
            for term in document.terms {
                let number = table.insert(term)
                if number == names.count {
                    names.append(term)
                    partsContaining.append(0)
                }
                numbers.append(Int32(number))
            }
            unitCounts.append(document.units.count)
            for unit in document.units {
                addUnit(unit.lengths)
                for entry in unit.terms {
                    addEntry(term: numbers[Int(entry.term)], counts: entry.counts)
                }
                unitEnds.append(entryTerms.count)
                // Units made by hand may leave their positions out: such a unit has none.
                if unit.positions.count == unit.terms.reduce(0, { $0 + Int($1.counts.title + $1.counts.code + $1.counts.body) }) {
                    positions += unit.positions
                }
                unitPositionEnds.append(positions.count)
            }
            return numbers
        }

        /// The builder as it stands, for a build cache: its dictionary and every document's units and entries,
        /// in the order they were added. It shares the builder's arrays, copying none.
        public var snapshot: BuilderSnapshot {
            BuilderSnapshot(
                dictionary: names, unitCounts: unitCounts, unitLengths: unitLengths, unitEnds: unitEnds, entryTerms: entryTerms,
                entryCounts: entryCounts, largeCounts: largeCounts, positions: positions, unitPositionEnds: unitPositionEnds)
        }

        /// Adds document `number` of `snapshot` as the next document, as adding its terms again would.
        ///
        /// The snapshot's terms must be numbered as this builder's: made with ``init(ranking:dictionary:)`` from
        /// the snapshot's ``BuilderSnapshot/dictionary``, which may have numbered more terms since.
        public mutating func append(_ snapshot: BuilderSnapshot, document number: Int) {
            let units = snapshot.documentUnits[number]..<snapshot.documentUnits[number + 1]
            let first = units.lowerBound == 0 ? 0 : snapshot.unitEnds[units.lowerBound - 1]
            let entries = first..<snapshot.unitEnds[units.upperBound - 1]
            let base = entryTerms.count
            let firstPosition = units.lowerBound == 0 ? 0 : snapshot.unitPositionEnds[units.lowerBound - 1]
            let positionBase = positions.count
            unitCounts.append(units.count)
            for unit in units {
                addUnit(snapshot.unitLengths[unit])
                unitEnds.append(base + snapshot.unitEnds[unit] - first)
                unitPositionEnds.append(positionBase + snapshot.unitPositionEnds[unit] - firstPosition)
            }
            positions += snapshot.positions[firstPosition..<snapshot.unitPositionEnds[units.upperBound - 1]]
            partsContaining.withUnsafeMutableBufferPointer { parts in
                for term in snapshot.entryTerms[entries] {
                    precondition(Int(term) < parts.count, "a cached term outside the dictionary")
                    parts[Int(term)] += 1
                }
            }
            entryTerms += snapshot.entryTerms[entries]
            entryCounts += snapshot.entryCounts[entries]
            if !snapshot.largeCounts.isEmpty {
                for entry in entries where snapshot.entryCounts[entry] == 0 {
                    largeCounts[base + entry - first] = snapshot.largeCounts[entry]
                }
            }
        }

        private mutating func addUnit(_ lengths: FieldCounts) {
            unitLengths.append(lengths)
            for field in Field.allCases where lengths[field] > 0 {
                lengthSums[field.rawValue] += Int(lengths[field])
                nonEmptyFields[field.rawValue] += 1
            }
        }

        private mutating func addEntry(term: Int32, counts: FieldCounts) {
            partsContaining[Int(term)] += 1
            entryTerms.append(term)
            if let packed = PackedCounts.pack(counts) {
                entryCounts.append(packed)
            } else {
                largeCounts[entryCounts.count] = counts
                entryCounts.append(0)
            }
        }

        private func counts(ofEntry entry: Int) -> FieldCounts {
            let packed = entryCounts[entry]
            // No entry counts zero times, so a zero is the mark of counts kept aside.
            if packed == 0, let large = largeCounts[entry] { return large }
            return PackedCounts.unpack(packed)
        }

        /// The lists by term, those longer than the limit cut to their best parts, the cut terms' full counts, and the listed postings' positions.
        ///
        /// Every (term, part) pair is one posting, so a term's posting count is the
        /// number of parts that contain it: counting those first lets every list be
        /// filled in place, already in (document, part) order.
        ///
        /// With more than one job the parts are split in runs of about as many entries, each filled on a thread
        /// of its own from where the runs before it leave each term's list; the lists are then made a run of
        /// terms per thread. Every slot gets the value a single pass would give it, so the index does not
        /// depend on `jobs`. The listed postings' positions are picked before the entries are dropped.
        consuming func postings(jobs: Int = 1) -> ([String: [SearchIndex.Posting]], [String: Int], [String: [UInt16]]) {
            let work = ParallelWork(jobs: jobs)
            let listStart = listStarts()
            let (postingUnit, postingImpact) = filledSlots(listStart: listStart, work: work)
            let rules = Self.keepRules(listStart: listStart, postingImpact: postingImpact, limit: ranking.maximumPostingsPerTerm, work: work)
            let positions = listedPositions(listStart: listStart, postingImpact: postingImpact, rules: rules)
            // The entries are spent; dropped before the lists are made.
            entryTerms = []
            entryCounts = []
            self.positions = []
            let (unitDocument, unitPart) = unitPlaces()
            let (lists, pruned) = Self.lists(
                names: names, listStart: listStart, postingUnit: postingUnit, postingImpact: postingImpact,
                unitDocument: unitDocument, unitPart: unitPart, rules: rules, limit: ranking.maximumPostingsPerTerm, work: work)
            return (lists, pruned, positions)
        }

        /// Where each term's list starts in the slots, by term number, and the count of slots at the end.
        private func listStarts() -> [Int] {
            var listStart: [Int] = []
            listStart.reserveCapacity(names.count + 1)
            var total = 0
            for count in partsContaining {
                listStart.append(total)
                total += count
            }
            listStart.append(total)
            return listStart
        }

        /// Each unit's document and part number.
        private func unitPlaces() -> (documents: [Int32], parts: [Int32]) {
            var unitDocument: [Int32] = []
            var unitPart: [Int32] = []
            unitDocument.reserveCapacity(unitLengths.count)
            unitPart.reserveCapacity(unitLengths.count)
            for (document, units) in unitCounts.enumerated() {
                for part in 0..<units {
                    unitDocument.append(Int32(document))
                    unitPart.append(Int32(part))
                }
            }
            return (unitDocument, unitPart)
        }

        /// Every posting's unit and impact, in its term's slots from `listStart`: runs of parts with about as many
        /// entries each, filled side by side, each from where the runs before it leave each term's list.
        private func filledSlots(listStart: [Int], work: ParallelWork) -> (units: [Int32], impacts: [Int32]) {
            let unitCount = unitLengths.count
            let averages = Field.allCases.map { field in
                nonEmptyFields[field.rawValue] == 0 ? 1 : Double(lengthSums[field.rawValue]) / Double(nonEmptyFields[field.rawValue])
            }
            let weights = Field.allCases.map(ranking.weight)
            let idf = partsContaining.map { ranking.idf(partsContaining: $0, of: unitCount) }

            func firstEntry(ofUnit unit: Int) -> Int { unit == 0 ? 0 : unitEnds[unit - 1] }
            let runs = Self.runs(count: unitCount, parts: work.jobs) { firstEntry(ofUnit: $0 + 1) }
            var cursors = [listStart]
            for run in runs.dropLast() {
                var next = cursors.last!
                for entry in firstEntry(ofUnit: run.lowerBound)..<firstEntry(ofUnit: run.upperBound) {
                    next[Int(entryTerms[entry])] += 1
                }
                cursors.append(next)
            }

            // Every slot is written below exactly once, so the arrays need no zeroing first.
            let total = listStart.last!
            var postingUnit = [Int32](unsafeUninitializedCapacity: total) { _, count in count = total }
            // Impacts are small (a score below about 35, times the scale), so 32 bits hold them.
            var postingImpact = [Int32](unsafeUninitializedCapacity: total) { _, count in count = total }
            postingUnit.withUnsafeMutableBufferPointer { unitSlots in
                postingImpact.withUnsafeMutableBufferPointer { impactSlots in
                    nonisolated(unsafe) let unitSlots = unitSlots
                    nonisolated(unsafe) let impactSlots = impactSlots
                    _ = work.map(Array(runs.indices)) { run in
                        var next = cursors[run]
                        fill(
                            units: runs[run], next: &next, unitSlots: unitSlots, impactSlots: impactSlots,
                            averages: averages, weights: weights, idf: idf)
                    }
                }
            }
            return (postingUnit, postingImpact)
        }

        /// The positions of every listed posting, by term, as ``SearchIndex/positions`` holds them.
        ///
        /// One pass over the entries in unit order, which is the order `fill` gave each term's slots, so a cursor
        /// per term finds each entry's slot, and the term's ``KeepRule`` whether the list keeps it.
        private func listedPositions(listStart: [Int], postingImpact: [Int32], rules: [KeepRule]) -> [String: [UInt16]] {
            var slot = Array(listStart.dropLast())
            var rules = rules
            var listed = [[UInt16]](repeating: [], count: names.count)
            var entry = 0
            for unit in 0..<unitEnds.count {
                var position = unit == 0 ? 0 : unitPositionEnds[unit - 1]
                let positionEnd = unitPositionEnds[unit]
                let hasPositions = position < positionEnd
                while entry < unitEnds[unit] {
                    let term = Int(entryTerms[entry])
                    let counts = counts(ofEntry: entry)
                    let count = Int(counts.title + counts.code + counts.body)
                    if rules[term].keeps(Int(postingImpact[slot[term]])) {
                        // A snapshot's lengths are not checked against its counts, so a range too short counts as none.
                        if hasPositions && position + count <= positionEnd && count <= Int(UInt16.max) {
                            listed[term].append(UInt16(count))
                            listed[term] += positions[position..<(position + count)]
                        } else {
                            listed[term].append(0)
                        }
                    }
                    slot[term] += 1
                    if hasPositions { position += count }
                    entry += 1
                }
            }
            var byName: [String: [UInt16]] = [:]
            byName.reserveCapacity(names.count)
            for term in names.indices where listStart[term] < listStart[term + 1] { byName[names[term]] = listed[term] }
            return byName
        }

        /// `0..<count` cut into at most `parts` runs with about as much work each, none empty but when `count` is 0.
        ///
        /// - Parameter workThrough: the work of items `0...i` together; never decreasing.
        static func runs(count: Int, parts: Int, workThrough: (Int) -> Int) -> [Range<Int>] {
            guard count > 0 else { return [0..<0] }
            let parts = max(1, min(parts, count))
            let total = workThrough(count - 1)
            var runs: [Range<Int>] = []
            var start = 0
            for part in 1..<parts {
                var end = start
                while end < count - (parts - part) && (end == start || workThrough(end) <= total * part / parts) { end += 1 }
                runs.append(start..<end)
                start = end
            }
            runs.append(start..<count)
            return runs
        }

        /// Puts the postings of the parts in `units` in their terms' lists, at `next`, each with its impact.
        ///
        /// Over raw buffers: this runs once for every (part, term) pair of the corpus in every build that
        /// changes a body, so the arrays' bounds and uniqueness checks are left out of its loop.
        /// The arithmetic is `SearchRanking.score`'s, step for step, so every impact is the same.
        private func fill(
            units: Range<Int>, next: inout [Int], unitSlots: UnsafeMutableBufferPointer<Int32>,
            impactSlots: UnsafeMutableBufferPointer<Int32>, averages: [Double], weights: [Double], idf: [Double]
        ) {
            let ranking = ranking
            let (titleWeight, codeWeight, bodyWeight) = (weights[Field.title.rawValue], weights[Field.code.rawValue], weights[Field.body.rawValue])
            let (titleAverage, codeAverage, bodyAverage) = (
                averages[Field.title.rawValue], averages[Field.code.rawValue], averages[Field.body.rawValue]
            )
            var entry = units.lowerBound == 0 ? 0 : unitEnds[units.lowerBound - 1]
            next.withUnsafeMutableBufferPointer { next in
                entryTerms.withUnsafeBufferPointer { entryTerms in
                    entryCounts.withUnsafeBufferPointer { entryCounts in
                        idf.withUnsafeBufferPointer { idf in
                            for unit in units {
                                let lengths = unitLengths[unit]
                                let titleNorm = ranking.norm(length: Int(lengths.title), average: titleAverage)
                                let codeNorm = ranking.norm(length: Int(lengths.code), average: codeAverage)
                                let bodyNorm = ranking.norm(length: Int(lengths.body), average: bodyAverage)
                                let end = unitEnds[unit]
                                while entry < end {
                                    let term = Int(entryTerms[entry])
                                    let packed = entryCounts[entry]
                                    // No entry counts zero times, so a zero is the mark of counts kept aside.
                                    let counts = packed == 0 ? counts(ofEntry: entry) : PackedCounts.unpack(packed)
                                    // In `Field` order, as `SearchRanking.score` sums.
                                    var weighted = 0.0
                                    if counts.title > 0 {
                                        weighted += ranking.weightedFrequency(Int(counts.title), weight: titleWeight, norm: titleNorm)
                                    }
                                    if counts.code > 0 {
                                        weighted += ranking.weightedFrequency(Int(counts.code), weight: codeWeight, norm: codeNorm)
                                    }
                                    if counts.body > 0 {
                                        weighted += ranking.weightedFrequency(Int(counts.body), weight: bodyWeight, norm: bodyNorm)
                                    }
                                    let slot = next[term]
                                    next[term] = slot + 1
                                    unitSlots[slot] = Int32(unit)
                                    impactSlots[slot] = Int32(clamping: ranking.impact(ranking.score(idf: idf[term], weighted: weighted)))
                                    entry += 1
                                }
                            }
                        }
                    }
                }
            }
        }

        /// Which postings of one term's list are kept: those above `threshold`, then the first `atThreshold`
        /// at it, in slot order. A list no longer than the limit keeps everything.
        struct KeepRule {
            var threshold: Int
            var atThreshold: Int
            var isCut: Bool

            static let keepsAll = KeepRule(threshold: .min, atThreshold: 0, isCut: false)

            /// Whether the next posting in slot order, of this impact, is kept; counts it against `atThreshold`.
            mutating func keeps(_ impact: Int) -> Bool {
                if impact > threshold { return true }
                guard impact == threshold, atThreshold > 0 else { return false }
                atThreshold -= 1
                return true
            }
        }

        /// Each term's ``KeepRule``: keep the `limit` highest impacts, ties to the earlier part.
        private static func keepRules(listStart: [Int], postingImpact: [Int32], limit: Int, work: ParallelWork) -> [KeepRule] {
            let count = listStart.count - 1
            let runs = Self.runs(count: count, parts: work.jobs) { listStart[$0 + 1] }
            return work.map(runs) { run -> [KeepRule] in
                var histogram: [Int] = []
                return run.map { term in
                    let range = listStart[term]..<listStart[term + 1]
                    return range.count > limit ? keepRule(postingImpact[range], limit: limit, histogram: &histogram) : .keepsAll
                }
            }.flatMap { $0 }
        }

        /// Everything above the impact of the `limit`-th best, then as many at that impact as fit.
        private static func keepRule(_ impacts: ArraySlice<Int32>, limit: Int, histogram: inout [Int]) -> KeepRule {
            let maximum = Int(impacts.max()!)
            guard maximum <= 1 << 16 else {
                let threshold = Int(impacts.sorted(by: >)[limit - 1])
                return KeepRule(threshold: threshold, atThreshold: limit - impacts.filter { Int($0) > threshold }.count, isCut: true)
            }
            if histogram.count <= maximum { histogram = [Int](repeating: 0, count: maximum + 1) }
            for impact in impacts { histogram[Int(impact)] += 1 }
            var threshold = maximum
            var above = 0
            while above + histogram[threshold] < limit {
                above += histogram[threshold]
                threshold -= 1
            }
            for impact in impacts { histogram[Int(impact)] = 0 }
            return KeepRule(threshold: threshold, atThreshold: limit - above, isCut: true)
        }

        /// Each term's list from the filled arrays, cut by its rule, and the full counts of the terms cut.
        private static func lists(
            names: [String], listStart: [Int], postingUnit: [Int32], postingImpact: [Int32],
            unitDocument: [Int32], unitPart: [Int32], rules: [KeepRule], limit: Int, work: ParallelWork
        ) -> ([String: [SearchIndex.Posting]], [String: Int]) {
            // Runs of terms with about as many postings each; each thread makes its run's lists.
            let runs = Self.runs(count: names.count, parts: work.jobs) { listStart[$0 + 1] }
            let made = work.map(runs) { run in
                var lists: [(String, [SearchIndex.Posting])] = []
                var pruned: [(String, Int)] = []
                for term in run where listStart[term] < listStart[term + 1] {
                    // A term from the dictionary a builder started with that no document contains has no list.
                    var rule = rules[term]
                    var list: [SearchIndex.Posting] = []
                    list.reserveCapacity(min(limit, listStart[term + 1] - listStart[term]))
                    for slot in listStart[term]..<listStart[term + 1] where rule.keeps(Int(postingImpact[slot])) {
                        let unit = Int(postingUnit[slot])
                        list.append(SearchIndex.Posting(document: Int(unitDocument[unit]), part: Int(unitPart[unit]), impact: Int(postingImpact[slot])))
                    }
                    if rule.isCut { pruned.append((names[term], listStart[term + 1] - listStart[term])) }
                    lists.append((names[term], list))
                }
                return (lists: lists, pruned: pruned)
            }
            var postings: [String: [SearchIndex.Posting]] = [:]
            postings.reserveCapacity(made.reduce(0) { $0 + $1.lists.count })
            var pruned: [String: Int] = [:]
            for run in made {
                for (name, list) in run.lists { postings[name] = list }
                for (name, count) in run.pruned { pruned[name] = count }
            }
            return (postings, pruned)
        }
    }
}
