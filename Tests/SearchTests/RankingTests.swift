import Testing
@testable import PortalSearch

@Suite struct RankingTests {
    static func document(_ title: String, code: String? = nil, text: String = "", parts: [(String, String)] = []) -> SearchDocument {
        SearchDocument(
            title: title, kind: "Letter", date: "2022-08-30", dateText: "August 30, 2022", url: "x.html",
            occupationCode: code, grade: code == nil ? nil : "EAS-17", text: text,
            parts: parts.enumerated().map { SearchPart(anchor: "p\($0.offset)", heading: $0.element.0, text: $0.element.1) })
    }

    func impact(_ index: SearchIndex, _ term: String, document: Int, part: Int = 0) -> Int {
        index.postings[term]?.first { $0.document == document && $0.part == part }?.impact ?? 0
    }

    @Test func titleMatchOutranksBodyMatch() {
        let index = SearchIndex(documents: [
            Self.document("Staffing", text: "The workload of the office grows every year with more mail."),
            Self.document("Workload model", text: "The staffing of the office grows every year with more mail."),
        ])
        #expect(impact(index, "workload", document: 1) > impact(index, "workload", document: 0))
    }

    @Test func codeFieldOutranksTitleAndBody() {
        let filler = (0..<8).map { Self.document("Filler \($0)", text: "Nothing to see.") }
        let index = SearchIndex(documents: [
            Self.document("Coordinator", code: "2345-5035"),
            Self.document("Numbers 2345 and 5035", text: "Mentions 2345 and 5035 in passing."),
        ] + filler)
        #expect(impact(index, "2345", document: 0) > impact(index, "2345", document: 1))
    }

    @Test func rarerTermsWeighMore() {
        let index = SearchIndex(documents: (0..<10).map { number in
            Self.document("Document \(number)", text: number == 0 ? "common rare" : "common filler")
        })
        #expect(impact(index, "rare", document: 0) > impact(index, "common", document: 0))
    }

    @Test func repeatedTermsSaturate() {
        let once = SearchRanking().score(idf: 1, frequencies: [.body: 1], lengths: [.body: 10], averages: [.body: 10])
        let twice = SearchRanking().score(idf: 1, frequencies: [.body: 2], lengths: [.body: 10], averages: [.body: 10])
        let many = SearchRanking().score(idf: 1, frequencies: [.body: 50], lengths: [.body: 10], averages: [.body: 10])
        #expect(twice > once)
        #expect(many < once * 2.2 * 2)
    }

    @Test func partsArePostedSeparatelyFromTheirDocument() {
        let index = SearchIndex(documents: [
            Self.document("Q&A", parts: [("How long?", "Within 48 hours."), ("Who?", "The coordinator.")]),
        ])
        #expect(index.postings["48"]?.map(\.part) == [1])
        #expect(index.postings["coordin"]?.map(\.part) == [2])
    }

    @Test func prunesCommonTermsToTheirBestParts() {
        var ranking = SearchRanking()
        ranking.maximumPostingsPerTerm = 3
        ranking.impactScale = 1000
        let documents = (0..<10).map { number in
            Self.document("D\(number)", text: String(repeating: "mail ", count: number + 1) + "filler text here")
        } + (0..<20).map { Self.document("Other \($0)", text: "filler text here") }
        let index = SearchIndex(documents: documents, ranking: ranking)
        #expect(index.postings["mail"]?.map(\.document) == [7, 8, 9])
        #expect(index.postings["filler"]?.count == 3)
        #expect(index.postings["other"]?.count == 3)
        #expect(index.prunedCounts["mail"] == 10)
        #expect(index.prunedCounts["other"] == 20)
        #expect(index.prunedCounts["d0"] == nil)
        #expect(SearchIndexFiles.entry("mail", index.postings["mail"]!, prunedFrom: 10).hasPrefix("\"mail\":[-10,7,"))
    }

    /// The builder packs counts into 8, 8 and 16 bits; a count beyond that must still score exactly.
    @Test func countsTooLargeToPackScoreAsTheRankingSays() {
        let ranking = SearchRanking()
        let title = Array(repeating: "word", count: 300).joined(separator: " ")
        let body = Array(repeating: "word", count: 70_000).joined(separator: " ")
        let documents = [Self.document(title, text: body), Self.document("Other", text: "filler")]
        let index = SearchIndex(documents: documents, ranking: ranking)
        let idf = ranking.idf(partsContaining: 1, of: 2)
        let averages: [SearchRanking.Field: Double] = [.title: 150.5, .body: 35_000.5]
        let expected = ranking.impact(ranking.score(
            idf: idf, frequencies: [.title: 300, .body: 70_000], lengths: [.title: 300, .body: 70_000], averages: averages))
        #expect(impact(index, "word", document: 0) == expected)
        // Streaming the same terms through a builder gives the same index.
        var builder = SearchIndex.Builder(ranking: ranking)
        for document in documents { builder.add(SearchDocumentTerms(document)) }
        #expect(SearchIndex(documents: documents, builder: builder) == index)
    }
}
