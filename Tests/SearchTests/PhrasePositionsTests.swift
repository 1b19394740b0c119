import Foundation
import Testing
@testable import PortalSearch

/// Word positions, which let the browser settle a quoted phrase without reading a part's text.
///
/// The browser reads a unit as two runs, the title and then the code and body together, and skips the words the
/// tokenizer drops; these tests hold the Swift positions to that reading.
@Suite struct PhrasePositionsTests {
    /// Where each term of a unit stands, as the browser's phrase check reads the unit: the title's terms from 0,
    /// the code's and body's from one past the title's end.
    static func referencePositions(of document: SearchDocument, unit: Int) -> [String: [Int]] {
        let (title, rest): (String, [String])
        if unit == 0 {
            title = document.title
            rest = [[document.occupationCode, document.grade].compactMap { $0 }.joined(separator: " "), document.text]
        } else {
            title = document.parts[unit - 1].heading
            rest = [document.parts[unit - 1].text]
        }
        let titleTerms = SearchTokenizer.terms(in: title)
        var positions: [String: [Int]] = [:]
        for (index, term) in titleTerms.enumerated() { positions[term, default: []].append(index) }
        for (index, term) in rest.flatMap(SearchTokenizer.terms(in:)).enumerated() {
            positions[term, default: []].append(titleTerms.count + 1 + index)
        }
        return positions
    }

    /// Documents whose words repeat across runs and parts, with stop words and lone letters between them.
    static let documents: [SearchDocument] = {
        var generator = SplitMix64(seed: 42)
        let words = ["office", "hours", "customer", "care", "the", "of", "a", "48", "route", "mail", "Café", "x"]
        func text(_ count: Int) -> String {
            (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] }.joined(separator: " ")
        }
        return (0..<60).map { number in
            RankingTests.document(
                text(3), code: number % 4 == 0 ? "2345-5035" : nil, text: text(number % 7 * 5),
                parts: (0..<(number % 3)).map { _ in (text(2), text(12)) })
        } + SearchDocumentTermsTests.documents
    }()

    @Test func eachRunIsNumberedAndUnindexedWordsHaveNoPosition() throws {
        let document = RankingTests.document(
            "Office hours", code: "2345-5035", text: "The office of a carrier keeps hours; office hours vary.",
            parts: [("Hours", "Office hours")])
        let terms = SearchDocumentTerms(document)
        func positions(_ unit: Int, _ term: String) throws -> [UInt16] {
            let number = Int32(try #require(terms.terms.firstIndex(of: term)))
            var start = 0
            for entry in terms.units[unit].terms {
                let count = Int(entry.counts.title + entry.counts.code + entry.counts.body)
                if entry.term == number { return Array(terms.units[unit].positions[start..<(start + count)]) }
                start += count
            }
            return []
        }
        // Title: office 0, hour 1; then one past its end: 2345 3, 5035 4, ea 5, 17 6, office 7 ("the" is skipped),
        // carrier 8 ("of a" too), keep 9, hour 10, office 11, hour 12, vari 13.
        #expect(try positions(0, "offic") == [0, 7, 11])
        #expect(try positions(0, "hour") == [1, 10, 12])
        #expect(try positions(0, "2345") == [3])
        #expect(try positions(1, "hour") == [0, 3])
        #expect(try positions(1, "offic") == [2])
    }

    @Test func everyListedPostingCarriesItsTermsPositions() throws {
        for limit in [3, 1_200] {
            var ranking = SearchRanking()
            ranking.maximumPostingsPerTerm = limit
            for jobs in [1, 3] {
                var builder = SearchIndex.Builder(ranking: ranking)
                for document in Self.documents { builder.add(SearchDocumentTerms(document)) }
                let index = SearchIndex(documents: Self.documents, builder: builder, jobs: jobs)
                #expect(limit == 1_200 || !index.prunedCounts.isEmpty)
                for (term, postings) in index.postings {
                    let list = try #require(index.positions[term], "no positions for \(term)")
                    var offset = 0
                    for posting in postings {
                        let count = Int(list[offset])
                        let found = list[(offset + 1)..<(offset + 1 + count)].map(Int.init)
                        let expected = Self.referencePositions(of: Self.documents[posting.document], unit: posting.part)[term]
                        #expect(found == expected, "\(term) in document \(posting.document) part \(posting.part)")
                        offset += 1 + count
                    }
                    #expect(offset == list.count, "\(term): one count and its positions per posting")
                }
            }
        }
    }

    @Test func aUnitTooLongToNumberHasNoPositions() throws {
        let long = RankingTests.document("Long", text: String(repeating: "office hours ", count: 33_000), parts: [("Short", "office hours")])
        let terms = SearchDocumentTerms(long)
        #expect(!SearchDocumentTerms.hasPositions(terms.units[0].lengths))
        #expect(terms.units[0].positions.isEmpty && terms.units[1].positions == [0, 2, 3])
        let index = SearchIndex(documents: [long])
        // Document itself: a count of 0, its text must tell; the part: office at 2 (one past the heading "Short").
        #expect(index.positions["offic"] == [0, 1, 2])
        #expect(index.positions["hour"] == [0, 1, 3])
    }

    @Test func positionsSurviveTheBuildCache() throws {
        var ranking = SearchRanking()
        ranking.maximumPostingsPerTerm = 4
        let (_, snapshot) = try BuilderSnapshotTests.snapshot(of: Self.documents, ranking: ranking)
        var builder = try #require(SearchIndex.Builder(ranking: ranking, dictionary: snapshot.dictionary))
        // Every other document from the cache, the rest tokenized again.
        for number in 0..<snapshot.documentCount {
            if number % 2 == 0 {
                builder.append(snapshot, document: number)
            } else {
                builder.add(SearchDocumentTerms(Self.documents[number]))
            }
        }
        let index = SearchIndex(documents: Self.documents, builder: builder)
        #expect(!index.positions.isEmpty)
        #expect(index == SearchIndex(documents: Self.documents, ranking: ranking))
    }

    @Test func positionFilesMirrorTheTermShards() throws {
        let index = SearchIndex(documents: Self.documents)
        let files = SearchIndexFiles(shardBudget: 300).files(for: index)
        let shards = files.filter { $0.path.hasPrefix("search/s/") }
        #expect(shards.count > 2)
        for shard in shards {
            let positionsPath = shard.path.replacingOccurrences(of: "search/s/", with: "search/p/")
            let positionFile = try #require(files.first { $0.path == positionsPath }, "no \(positionsPath)")
            let postings = try Self.object(of: shard.contents, function: "addShard")
            let positions = try Self.object(of: positionFile.contents, function: "addPositions")
            #expect(Set(postings.keys) == Set(positions.keys), "\(positionsPath) holds the terms of \(shard.path)")
            for (term, list) in positions {
                // Gaps back to positions, then compared with the index's.
                var decoded: [UInt16] = []
                var offset = 0
                while offset < list.count {
                    let count = list[offset]
                    decoded.append(UInt16(count))
                    var position = 0
                    for gap in list[(offset + 1)..<(offset + 1 + count)] {
                        #expect(position == 0 || gap > 0, "positions ascend")
                        position += gap
                        decoded.append(UInt16(position))
                    }
                    offset += 1 + count
                }
                #expect(decoded == index.positions[term], "\(term)")
            }
        }
    }

    /// The object literal a shard script passes to `PortalSearch.<function>(N, {...})`, as term → numbers.
    static func object(of script: String, function: String) throws -> [String: [Int]] {
        let prefix = "PortalSearch.\(function)("
        #expect(script.hasPrefix(prefix))
        let body = try #require(script.firstIndex(of: ",").map { script[script.index(after: $0)...] })
        let json = String(body.dropLast(3))  // ");\n"
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [Int]])
        return object
    }
}
