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

    @Test func indexFromTermsIsTheIndexFromDocuments() {
        var ranking = SearchRanking()
        ranking.maximumPostingsPerTerm = 1
        let documents = Self.documents + Self.fillerDocuments
        let terms = documents.map(SearchDocumentTerms.init)
        let decoded = terms.map { SearchDocumentTerms(decoding: $0.encoded())! }
        let index = SearchIndex(documents: documents, ranking: ranking)
        #expect(SearchIndex(documents: documents, terms: terms, ranking: ranking) == index)
        #expect(SearchIndex(documents: documents, terms: decoded, ranking: ranking) == index)
        #expect(!index.prunedCounts.isEmpty)
    }

    @Test func encodingRoundTrips() {
        for document in Self.documents + Self.fillerDocuments {
            let terms = SearchDocumentTerms(document)
            #expect(SearchDocumentTerms(decoding: terms.encoded()) == terms)
        }
        let large = SearchDocumentTerms(
            terms: ["x"], units: [.init(lengths: .init(title: 300_000), terms: [.init(term: 0, counts: .init(title: 300_000))])])
        #expect(SearchDocumentTerms(decoding: large.encoded()) == large)
    }

    @Test func truncatedInputDecodesToNil() {
        let encoded = SearchDocumentTerms(Self.documents[0]).encoded()
        for length in 0..<encoded.count {
            #expect(SearchDocumentTerms(decoding: Array(encoded.prefix(length))) == nil, "first \(length) bytes")
        }
        #expect(SearchDocumentTerms(decoding: encoded + [0]) == nil, "trailing byte")
    }

    @Test func corruptedInputNeverCrashesAndDecodesOnlyCanonicalBytes() {
        let encoded = SearchDocumentTerms(Self.documents[0]).encoded()
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
            // Whatever decodes must be exactly what encoding it again gives.
            if let decoded = SearchDocumentTerms(decoding: bytes) {
                #expect(decoded.encoded() == bytes)
            }
        }
    }

    @Test func inconsistentInputDecodesToNil() {
        func encoded(_ terms: [String], _ units: [SearchDocumentTerms.Unit]) -> [UInt8] {
            SearchDocumentTerms(terms: terms, units: units).encoded()
        }
        let one = SearchDocumentTerms.TermCounts(term: 0, counts: .init(body: 1))
        let valid = encoded(["mail"], [.init(lengths: .init(body: 1), terms: [one])])
        #expect(SearchDocumentTerms(decoding: valid) != nil)
        var otherFormat = valid
        otherFormat[0] = SearchDocumentTerms.format &+ 1
        #expect(SearchDocumentTerms(decoding: otherFormat) == nil, "another format")
        #expect(SearchDocumentTerms(decoding: encoded(["mail"], [])) == nil, "no units")
        #expect(SearchDocumentTerms(decoding: encoded(["mail", "mail"], [.init(lengths: .init(body: 1), terms: [one])])) == nil, "duplicate term")
        #expect(SearchDocumentTerms(decoding: encoded([""], [.init(lengths: .init(body: 1), terms: [one])])) == nil, "empty term")
        #expect(SearchDocumentTerms(decoding: encoded(["mail"], [.init(lengths: .init(body: 2), terms: [one])])) == nil, "length is not the sum")
        #expect(SearchDocumentTerms(decoding: encoded(["mail"], [.init(lengths: .init(body: 2), terms: [one, one])])) == nil, "term twice in a unit")
        let outside = SearchDocumentTerms.TermCounts(term: 1, counts: .init(body: 1))
        #expect(SearchDocumentTerms(decoding: encoded(["mail"], [.init(lengths: .init(body: 1), terms: [outside])])) == nil, "no such term")
        let zero = SearchDocumentTerms.TermCounts(term: 0, counts: .init())
        #expect(SearchDocumentTerms(decoding: encoded(["mail"], [.init(lengths: .init(), terms: [zero])])) == nil, "counted zero times")
        // "mail" with its first byte made a lone continuation byte: not UTF-8.
        var invalidUTF8 = valid
        invalidUTF8[3] = 0x80
        #expect(SearchDocumentTerms(decoding: invalidUTF8) == nil, "invalid UTF-8")
        // A count of 2^35 written in six LEB128 bytes.
        var overlong = Array(valid.prefix(2))
        overlong += [0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        #expect(SearchDocumentTerms(decoding: overlong) == nil, "number too large")
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
