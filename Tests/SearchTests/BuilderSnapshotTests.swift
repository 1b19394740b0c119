import Testing
@testable import PortalSearch

/// A builder's snapshot, as the build cache keeps it, gives the index the documents' terms give.
@Suite struct BuilderSnapshotTests {
    static let documents = SearchDocumentTermsTests.documents + SearchDocumentTermsTests.fillerDocuments

    /// The builder after every document in `documents`, and its snapshot through its encoding.
    static func snapshot(
        of documents: [SearchDocument], ranking: SearchRanking = SearchRanking()
    ) throws -> (builder: SearchIndex.Builder, snapshot: BuilderSnapshot) {
        var builder = SearchIndex.Builder(ranking: ranking)
        for document in documents { builder.add(SearchDocumentTerms(document)) }
        return (builder, try #require(decode(encode(builder.snapshot))))
    }

    static func encode(_ snapshot: BuilderSnapshot, dictionary: [String]? = nil, renumbering: [Int32]? = nil, chunk: Int = 1 << 20) -> [UInt8] {
        var bytes: [UInt8] = []
        snapshot.encode(dictionary: dictionary, renumbering: renumbering, chunk: chunk) { bytes += $0 }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> BuilderSnapshot? {
        bytes.withUnsafeBytes { BuilderSnapshot(decoding: $0) }
    }

    @Test func appendingEveryDocumentGivesTheIndexOfTheDocuments() throws {
        var ranking = SearchRanking()
        ranking.maximumPostingsPerTerm = 3
        let (_, snapshot) = try Self.snapshot(of: Self.documents, ranking: ranking)
        #expect(snapshot.documentCount == Self.documents.count)
        var builder = try #require(SearchIndex.Builder(ranking: ranking, dictionary: snapshot.dictionary))
        for number in 0..<snapshot.documentCount {
            #expect(snapshot.unitCount(ofDocument: number) == Self.documents[number].parts.count + 1)
            builder.append(snapshot, document: number)
        }
        let index = SearchIndex(documents: Self.documents, ranking: ranking)
        #expect(!index.prunedCounts.isEmpty)
        #expect(SearchIndex(documents: Self.documents, builder: builder) == index)
    }

    /// As a rebuild does: unchanged documents from the snapshot, in another order, among documents whose terms
    /// are worked out again (one edited, one new), and without a document that was deleted.
    @Test func cachedAndComputedDocumentsMixInAnyOrder() throws {
        let (_, snapshot) = try Self.snapshot(of: Self.documents)
        var edited = Self.documents[5]
        edited.text += " a brand new sentence about parcels"
        let added = RankingTests.document("Added later", code: nil, text: "Window clerks and parcels", parts: [("Lobby", "Hours")])
        // Document 3 is gone; 5 is edited; the new one goes in the middle.
        var plan: [(document: SearchDocument, cached: Int?)] = []
        for number in Self.documents.indices.reversed() where number != 3 {
            plan.append(number == 5 ? (edited, nil) : (Self.documents[number], number))
            if number == 20 { plan.append((added, nil)) }
        }
        var builder = try #require(SearchIndex.Builder(dictionary: snapshot.dictionary))
        for (document, cached) in plan {
            if let cached { builder.append(snapshot, document: cached) } else { builder.add(SearchDocumentTerms(document)) }
        }
        let documents = plan.map(\.document)
        #expect(SearchIndex(documents: documents, builder: builder) == SearchIndex(documents: documents))
    }

    @Test func termsNoDocumentUsesAreDroppedAndTheEntriesRenumbered() throws {
        let (_, snapshot) = try Self.snapshot(of: Self.documents)
        // Terms only the first document uses: a build without it must not list them, nor keep them.
        let rest = Array(Self.documents.dropFirst())
        let onlyFirst = Set(SearchDocumentTerms(Self.documents[0]).terms).subtracting(rest.flatMap { SearchDocumentTerms($0).terms })
        #expect(onlyFirst.count > 5)
        var builder = try #require(SearchIndex.Builder(dictionary: snapshot.dictionary))
        for number in 1..<snapshot.documentCount { builder.append(snapshot, document: number) }
        let used = builder.usedDictionary
        let numbers = try #require(used.numbers)
        #expect(onlyFirst.isDisjoint(with: used.terms))
        #expect(used.terms.count == snapshot.dictionary.count - onlyFirst.count && numbers.filter { $0 < 0 }.count == onlyFirst.count)
        let index = SearchIndex(documents: rest)
        #expect(onlyFirst.isDisjoint(with: index.postings.keys))
        // Written under the smaller dictionary, the snapshot still gives the same index.
        let smaller = try #require(Self.decode(Self.encode(builder.snapshot, dictionary: used.terms, renumbering: numbers)))
        #expect(smaller.dictionary == used.terms)
        var again = try #require(SearchIndex.Builder(dictionary: smaller.dictionary))
        for number in 0..<smaller.documentCount { again.append(smaller, document: number) }
        #expect(again.usedDictionary.numbers == nil)
        #expect(SearchIndex(documents: rest, builder: again) == index)
        #expect(SearchIndex(documents: rest, builder: builder) == index)
    }

    /// Counts too large to pack are kept aside, and come back from the snapshot.
    @Test func countsTooLargeToPackSurvive() throws {
        let large = SearchDocumentTerms(
            terms: ["x", "y"],
            units: [.init(lengths: .init(title: 300_000, body: 70_000), terms: [
                .init(term: 0, counts: .init(title: 300_000)), .init(term: 1, counts: .init(body: 70_000)),
            ])])
        let small = SearchDocumentTerms(terms: ["y"], units: [.init(lengths: .init(body: 2), terms: [.init(term: 0, counts: .init(body: 2))])])
        var direct = SearchIndex.Builder()
        direct.add(small)
        direct.add(large)
        direct.add(small)
        let snapshot = try #require(Self.decode(Self.encode(direct.snapshot, chunk: 7)))
        var again = try #require(SearchIndex.Builder(dictionary: snapshot.dictionary))
        for number in [2, 1, 0] { again.append(snapshot, document: number) }
        let document = SearchDocument(title: "x", kind: "Letter", date: "2022-08-30", dateText: "", url: "x.html", text: "", parts: [])
        let index = SearchIndex(documents: [document, document, document], builder: again)
        #expect(index == SearchIndex(documents: [document, document, document], builder: direct))
        #expect(index.postings["x"]?.first?.impact ?? 0 > index.postings["y"]?.first?.impact ?? 0)
    }

    /// The encoding does not depend on how it is cut into pieces.
    @Test func piecesJoinToTheSameBytes() throws {
        let (builder, _) = try Self.snapshot(of: Self.documents)
        let whole = Self.encode(builder.snapshot)
        #expect(whole.count == builder.snapshot.encodedCount())
        for chunk in [1, 3, 64, 4096] {
            var pieces: [[UInt8]] = []
            builder.snapshot.encode(chunk: chunk) { pieces.append($0) }
            #expect(pieces.joined().elementsEqual(whole), "pieces of \(chunk)")
            #expect(pieces.dropLast().allSatisfy { $0.count >= chunk })
        }
    }

    @Test func truncatedOrExtendedBytesAreRefused() throws {
        let (builder, _) = try Self.snapshot(of: Array(Self.documents.prefix(4)))
        let bytes = Self.encode(builder.snapshot)
        for length in 0..<bytes.count {
            #expect(Self.decode(Array(bytes.prefix(length))) == nil, "first \(length) of \(bytes.count) bytes")
        }
        #expect(Self.decode(bytes + [0]) == nil, "a trailing byte")
        var otherFormat = bytes
        otherFormat[0] &+= 1
        #expect(Self.decode(otherFormat) == nil, "another format")
    }

    /// Each rule the index relies on, broken by hand in otherwise valid bytes.
    @Test func inconsistentBytesAreRefused() throws {
        // One document, one unit, two entries; the second counts too many to pack.
        let terms = SearchDocumentTerms(
            terms: ["mail", "route"],
            units: [.init(lengths: .init(body: 70_001), terms: [
                .init(term: 0, counts: .init(body: 1)), .init(term: 1, counts: .init(body: 70_000)),
            ])])
        var builder = SearchIndex.Builder()
        builder.add(terms)
        let bytes = Self.encode(builder.snapshot)
        #expect(Self.decode(bytes) != nil)
        // Offsets in this layout: format 1, dictionary 4 + (4 + 4) + (4 + 5), documents 4 + 4, units 4 + 16,
        // entries 4 + 2 × 4 + 2 × 4, large counts 4 + 16, positions 4 + 4 (the unit is too long to have any).
        let documents = 1 + 4 + 8 + 9
        let units = documents + 8
        let entries = units + 20
        let large = entries + 4 + 16
        let positions = large + 4 + 16
        #expect(bytes.count == positions + 8)
        func with(_ value: UInt32, at offset: Int) -> [UInt8] {
            var changed = bytes
            withUnsafeBytes(of: value.littleEndian) { for (index, byte) in $0.enumerated() { changed[offset + index] = byte } }
            return changed
        }
        #expect(Self.decode(with(0, at: documents + 4)) == nil, "a document without units")
        #expect(Self.decode(with(2, at: units)) == nil, "more units than the documents have")
        #expect(Self.decode(with(UInt32(bitPattern: -1), at: units + 4 + 8)) == nil, "a negative length")
        #expect(Self.decode(with(1, at: units + 4 + 12)) == nil, "a unit that ends before its last entry")
        #expect(Self.decode(with(2, at: entries + 4 + 4)) == nil, "a term outside the dictionary")
        #expect(Self.decode(with(5, at: entries + 4 + 8 + 4)) == nil, "a packed count where the large one is kept")
        #expect(Self.decode(with(0, at: entries + 4 + 8)) == nil, "an entry without counts")
        #expect(Self.decode(with(0, at: large + 4)) == nil, "large counts for an entry that packs its own")
        #expect(Self.decode(with(UInt32(bitPattern: -3), at: large + 4 + 4)) == nil, "a negative count")
        #expect(Self.decode(with(1, at: positions + 4)) == nil, "a unit whose positions end past them all")
        #expect(Self.decode(with(2, at: positions)) == nil, "positions no unit holds")
        #expect(Self.decode(with(1, at: 1)) == nil, "a dictionary that ends early")
        var invalidText = bytes
        invalidText[1 + 4 + 4] = 0xFF
        #expect(Self.decode(invalidText) == nil, "a term that is not UTF-8")
    }

    /// Damaged bytes never crash: each is refused, or decodes to a snapshot whose documents can all be appended.
    @Test func damagedBytesNeverCrash() throws {
        let (builder, _) = try Self.snapshot(of: Array(Self.documents.prefix(6)))
        let bytes = Self.encode(builder.snapshot)
        var generator = SplitMix64(seed: 8)
        var refused = 0
        for _ in 0..<3_000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            guard let snapshot = Self.decode(damaged) else {
                refused += 1
                continue
            }
            guard var again = SearchIndex.Builder(dictionary: snapshot.dictionary) else { continue }
            for number in 0..<snapshot.documentCount { again.append(snapshot, document: number) }
            _ = again.postings()
        }
        #expect(refused > 1_000)
    }
}
