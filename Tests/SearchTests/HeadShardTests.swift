import Testing
@testable import PortalSearch

/// Head shards: every term with its best parts, so a long prefix range still finds every word.
@Suite struct HeadShardTests {
    @Test func headShardsHoldEveryTermWithItsBestParts() throws {
        // "coordinator" in 40 documents, once more in each later one, so later documents rank higher; "zebra" in one.
        var documents = (0..<40).map { number in
            SearchDocument(title: "Doc \(number)", kind: "Letter", date: "2024-01-01", dateText: "", url: "d\(number).html",
                           text: Array(repeating: "coordinator", count: 1 + number).joined(separator: " ") + " filler text here",
                           parts: [])
        }
        // Many documents without the words, so that theirs are rare enough to rank by impact, not all at the floor of 1.
        for number in 0..<200 {
            documents.append(SearchDocument(title: "Other \(number)", kind: "Letter", date: "2024-01-01", dateText: "",
                                            url: "o\(number).html", text: number == 0 ? "zebra" : "unrelated", parts: []))
        }
        let index = SearchIndex(documents: documents)
        let files = SearchIndexFiles().files(for: index)
        let heads = files.filter { $0.path.hasPrefix("search/h/") }.map(\.contents).joined()
        let manifest = try #require(files.first { $0.path == "search/manifest.js" }).contents
        #expect(manifest.contains("\"headShards\":[\"\"]"))
        #expect(heads.hasPrefix("PortalSearch.addHeads(0,{"))
        // Every term is there; the long list keeps its 24 best parts, led by the count it was cut from.
        #expect(heads.contains("\"coordin\":[-40,"))
        #expect(heads.contains("\"filler\":[-40,"))
        #expect(heads.contains("\"zebra\":[40,0,"))
        let coordinator = try #require(heads.firstRange(of: /"coordin":\[([-0-9,]*)\]/))
        let numbers = heads[coordinator].split(separator: "[")[1].dropLast().split(separator: ",")
        #expect((numbers.count - 1) / 3 == SearchIndexFiles.headLength)
        // The best parts are the documents with the most mentions, so the first document, with one, is not kept.
        #expect(numbers[1] != "0")
    }
}
