import Testing
@testable import PortalSearch

@Suite struct SearchDocumentTermsTests {
    static let documents = [
        SearchDocument(
            title: "Hours and hours of Café RÉSUMÉ", kind: "Letter", date: "2022-08-30", dateText: "August 30, 2022",
            url: "letters/a.html", occupationCode: "2345-5035", grade: "EAS-17",
            text: "The carrier’s hours: policies, classes and 2345 boxes.",
            parts: [
                SearchPart(anchor: "p1", heading: "Paragraphs 1–3", text: "Hours are counted. naïve ŒUVRE straße 日本語"),
                SearchPart(anchor: "p2", heading: "", text: ""),
            ]),
        SearchDocument(title: "", kind: "Q&A", date: "2023-01-01", dateText: "January 1, 2023", url: "qa/b.html", text: "", parts: []),
    ]

    /// Documents that share words, so common terms get long lists.
    static let fillerDocuments = (0..<40).map { number in
        RankingTests.document(
            "Filler \(number % 7) mail", code: number % 5 == 0 ? "2345-50\(number % 3)5" : nil,
            text: String(repeating: "mail carrier ", count: number % 4 + 1) + "route \(number % 9) office hours",
            parts: number % 3 == 0 ? [("Route \(number)", "The carrier’s route is long."), ("Hours", "Mail hours.")] : [])
    }

    @Test func countsEachTermPerUnitAndField() throws {
        let terms = SearchDocumentTerms(Self.documents[0])
        #expect(terms.units.count == 3)
        func counts(_ unit: Int, _ term: String) -> SearchDocumentTerms.FieldCounts? {
            guard let number = terms.terms.firstIndex(of: term) else { return nil }
            return terms.units[unit].terms.first { $0.term == Int32(number) }?.counts
        }
        #expect(counts(0, "hour") == .init(title: 2, code: 0, body: 1))
        #expect(counts(0, "2345") == .init(title: 0, code: 1, body: 1))
        #expect(counts(1, "hour") == .init(title: 0, code: 0, body: 1))
        #expect(counts(2, "hour") == nil)
        let titleTerms = SearchTokenizer.terms(in: Self.documents[0].title)
        #expect(terms.units[0].lengths.title == Int32(titleTerms.count))
        #expect(terms.units[0].lengths.code == 4)  // 2345, 5035, eas, 17
        #expect(terms.units[1].lengths.body == Int32(SearchTokenizer.terms(in: Self.documents[0].parts[0].text).count))
        #expect(terms.units[2].terms.isEmpty && terms.units[2].lengths == .init())
        // Each term is listed once, in order of first appearance.
        #expect(terms.terms.first == titleTerms.first)
        #expect(Set(terms.terms).count == terms.terms.count)
        #expect(SearchDocumentTerms(Self.documents[1]).units == [.init(lengths: .init(), terms: [])])
    }

    /// Each document cached under the numbers a builder gave its terms, as a build cache keeps them.
    static func cached(_ documents: [SearchDocument]) -> (dictionary: [String], terms: [CachedDocumentTerms]) {
        var builder = SearchIndex.Builder()
        let cached = documents.map(SearchDocumentTerms.init).map { terms in
            CachedDocumentTerms(numbers: builder.add(terms), encodedUnits: terms.encodedUnits(), unitCount: terms.units.count)
        }
        return (builder.dictionary, cached)
    }

    @Test func indexFromTermsIsTheIndexFromDocuments() throws {
        var ranking = SearchRanking()
        ranking.maximumPostingsPerTerm = 1
        let documents = Self.documents + Self.fillerDocuments
        let terms = documents.map(SearchDocumentTerms.init)
        let index = SearchIndex(documents: documents, ranking: ranking)
        #expect(SearchIndex(documents: documents, terms: terms, ranking: ranking) == index)
        #expect(!index.prunedCounts.isEmpty)

        // From the cached form, numbered by a builder that started from the dictionary.
        let (dictionary, cached) = Self.cached(documents)
        var builder = try #require(SearchIndex.Builder(ranking: ranking, dictionary: dictionary))
        for terms in cached {
            let (checked, numbered) = try #require(CachedDocumentTerms.numbered(validating: terms.bytes, dictionarySize: dictionary.count))
            #expect(checked == terms)
            builder.add(numbered)
        }
        #expect(SearchIndex(documents: documents, builder: builder) == index)
    }

    @Test func termsNoDocumentUsesAreLeftOutAndDroppedFromTheDictionary() throws {
        let documents = Self.documents + Self.fillerDocuments
        let (dictionary, cached) = Self.cached(documents)
        // Terms only the first document uses: a build without it must not list them, nor keep them.
        let rest = Array(documents.dropFirst())
        let onlyFirst = Set(SearchDocumentTerms(documents[0]).terms).subtracting(rest.flatMap { SearchDocumentTerms($0).terms })
        #expect(onlyFirst.count > 5)
        var builder = try #require(SearchIndex.Builder(dictionary: dictionary))
        for terms in cached.dropFirst() { builder.add(try #require(CachedDocumentTerms.numbered(validating: terms.bytes, dictionarySize: dictionary.count)).1) }
        let used = builder.usedDictionary
        #expect(SearchIndex(documents: rest, builder: builder) == SearchIndex(documents: rest))
        let numbers = try #require(used.numbers)
        #expect(onlyFirst.isDisjoint(with: used.terms))
        #expect(used.terms.count == dictionary.count - onlyFirst.count && numbers.filter { $0 < 0 }.count == onlyFirst.count)
        let index = SearchIndex(documents: rest)
        #expect(onlyFirst.isDisjoint(with: index.postings.keys))
        // Renumbered under the smaller dictionary, the documents still give the same index.
        var again = try #require(SearchIndex.Builder(dictionary: used.terms))
        for terms in cached.dropFirst() {
            let renumbered = terms.renumbered(numbers)
            #expect(CachedDocumentTerms(validating: renumbered.bytes, dictionarySize: used.terms.count) == renumbered)
            #expect(renumbered.decoded(dictionary: used.terms) == terms.decoded(dictionary: dictionary))
            again.add(try #require(CachedDocumentTerms.numbered(validating: renumbered.bytes, dictionarySize: used.terms.count)).1)
        }
        #expect(again.usedDictionary.numbers == nil)
        #expect(SearchIndex(documents: rest, builder: again) == SearchIndex(documents: rest))
    }

    @Test func aDictionaryWithAnEmptyOrRepeatedTermIsRefused() {
        #expect(SearchIndex.Builder(dictionary: ["mail", "route"]) != nil)
        #expect(SearchIndex.Builder(dictionary: ["mail", ""]) == nil)
        #expect(SearchIndex.Builder(dictionary: ["mail", "route", "mail"]) == nil)
    }

    @Test func encodingRoundTrips() throws {
        let documents = Self.documents + Self.fillerDocuments
        let (dictionary, cached) = Self.cached(documents)
        for (document, terms) in zip(documents, cached) {
            #expect(CachedDocumentTerms(validating: terms.bytes, dictionarySize: dictionary.count) == terms)
            #expect(terms.decoded(dictionary: dictionary) == SearchDocumentTerms(document))
        }
        let large = SearchDocumentTerms(
            terms: ["x"], units: [.init(lengths: .init(title: 300_000), terms: [.init(term: 0, counts: .init(title: 300_000))])])
        let cachedLarge = CachedDocumentTerms(numbers: [70_000], encodedUnits: large.encodedUnits(), unitCount: 1)
        #expect(CachedDocumentTerms(validating: cachedLarge.bytes, dictionarySize: 70_001) == cachedLarge)
        #expect(CachedDocumentTerms(validating: cachedLarge.bytes, dictionarySize: 70_000) == nil, "number outside the dictionary")
        // Counts too large to pack give the same index from the cached form as from the terms.
        let document = SearchDocument(title: "x", kind: "Letter", date: "2022-08-30", dateText: "", url: "x.html", text: "", parts: [])
        var direct = SearchIndex.Builder()
        direct.add(large)
        direct.add(SearchDocumentTerms(terms: ["y"], units: [.init(lengths: .init(body: 2), terms: [.init(term: 0, counts: .init(body: 2))])]))
        var fromCache = try #require(SearchIndex.Builder(dictionary: direct.dictionary))
        for terms in [large, SearchDocumentTerms(terms: ["y"], units: [.init(lengths: .init(body: 2), terms: [.init(term: 0, counts: .init(body: 2))])])] {
            let numbers = terms.terms.map { Int32(direct.dictionary.firstIndex(of: $0)!) }
            let cached = CachedDocumentTerms(numbers: numbers, encodedUnits: terms.encodedUnits(), unitCount: 1)
            fromCache.add(try #require(CachedDocumentTerms.numbered(validating: cached.bytes, dictionarySize: 2)).1)
        }
        let fromTerms = SearchIndex(documents: [document, document], builder: direct)
        #expect(SearchIndex(documents: [document, document], builder: fromCache) == fromTerms)
        #expect(fromTerms.postings["x"]?.first?.impact ?? 0 > fromTerms.postings["y"]?.first?.impact ?? 0)
    }

    @Test func truncatedInputIsRefused() {
        let (dictionary, cached) = Self.cached(Self.documents)
        let encoded = cached[0].bytes
        for length in 0..<encoded.count {
            #expect(CachedDocumentTerms(validating: Array(encoded.prefix(length)), dictionarySize: dictionary.count) == nil, "first \(length) bytes")
        }
        #expect(CachedDocumentTerms(validating: encoded + [0], dictionarySize: dictionary.count) == nil, "trailing byte")
    }

    @Test func corruptedInputNeverCrashesAndPassesOnlyCanonicalBytes() {
        let (dictionary, cached) = Self.cached(Self.documents)
        let encoded = cached[0].bytes
        var generator = SplitMix64(seed: 7)
        var garbage: [[UInt8]] = (0..<2000).map { _ in
            (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        }
        for position in encoded.indices {
            for value: UInt8 in [0, 1, 0x7F, 0x80, 0xFF, encoded[position] ^ 1] {
                var changed = encoded
                changed[position] = value
                garbage.append(changed)
            }
        }
        for bytes in garbage {
            // Whatever passes must be exactly what encoding its terms again gives.
            if let checked = CachedDocumentTerms(validating: bytes, dictionarySize: dictionary.count) {
                let terms = checked.decoded(dictionary: dictionary)
                let numbers = terms.terms.map { Int32(dictionary.firstIndex(of: $0)!) }
                #expect(CachedDocumentTerms(numbers: numbers, encodedUnits: terms.encodedUnits(), unitCount: terms.units.count).bytes == bytes)
            }
        }
    }

    @Test func inconsistentInputIsRefused() {
        func encoded(_ numbers: [Int32], _ units: [SearchDocumentTerms.Unit]) -> [UInt8] {
            let terms = SearchDocumentTerms(terms: numbers.map { "t\($0)" }, units: units)
            return CachedDocumentTerms(numbers: numbers, encodedUnits: terms.encodedUnits(), unitCount: units.count).bytes
        }
        func valid(_ bytes: [UInt8]) -> Bool { CachedDocumentTerms(validating: bytes, dictionarySize: 3) != nil }
        let one = SearchDocumentTerms.TermCounts(term: 0, counts: .init(body: 1))
        let good = encoded([2], [.init(lengths: .init(body: 1), terms: [one])])
        #expect(valid(good))
        var otherFormat = good
        otherFormat[0] = CachedDocumentTerms.format &+ 1
        #expect(!valid(otherFormat), "another format")
        #expect(!valid(encoded([2], [])), "no units")
        #expect(!valid(encoded([3], [.init(lengths: .init(body: 1), terms: [one])])), "number outside the dictionary")
        #expect(!valid(encoded([1, 1], [.init(lengths: .init(body: 1), terms: [one])])), "one term twice")
        #expect(!valid(encoded([1, 2], [.init(lengths: .init(body: 1), terms: [one])])), "a term no unit counts")
        #expect(!valid(encoded([1], [.init(lengths: .init(body: 2), terms: [one])])), "length is not the sum")
        #expect(!valid(encoded([1], [.init(lengths: .init(body: 2), terms: [one, one])])), "term twice in a unit")
        let outside = SearchDocumentTerms.TermCounts(term: 1, counts: .init(body: 1))
        #expect(!valid(encoded([1], [.init(lengths: .init(body: 1), terms: [outside])])), "no such term")
        let zero = SearchDocumentTerms.TermCounts(term: 0, counts: .init())
        #expect(!valid(encoded([1], [.init(lengths: .init(), terms: [zero])])), "counted zero times")
        // A term number of 2^35 written in six LEB128 bytes.
        #expect(!valid([CachedDocumentTerms.format, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), "number too large")
    }
}

/// A small deterministic generator, so a failing input can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
