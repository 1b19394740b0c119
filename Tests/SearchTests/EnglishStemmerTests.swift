import Foundation
import PortalSearch
import Testing

/// `EnglishStemmer` gives the Snowball project's own English stems.
///
/// `Fixtures/search/english-stems.tsv` pairs every a–z word of the content and
/// docs, plus words chosen for each rule and exception, with the stem the
/// Snowball English stemmer (snowballstemmer 3.1.1) gives; the browser test
/// `test_search.test_javascript_stemmer_matches_snowball` holds search.js to the same file.
@Suite struct EnglishStemmerTests {
    static func pairs() throws -> [(word: String, stem: String)] {
        let text = try String(contentsOf: TokenizerParityTests.fixtures.appendingPathComponent("english-stems.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(fields[0]), String(fields[1]))
        }
    }

    @Test func everyWordGetsSnowballsStem() throws {
        let pairs = try Self.pairs()
        #expect(pairs.count > 2000)
        let wrong = pairs.filter { EnglishStemmer.stem($0.word) != $0.stem }
        #expect(wrong.isEmpty, "\(wrong.prefix(20).map { "\($0.word) → \(EnglishStemmer.stem($0.word)), not \($0.stem)" })")
    }

    @Test func formsOfAWordShareAStem() {
        for group in [
            ["restructuring", "restructure", "restructured"], ["coordinating", "coordinator", "coordinators"],
            ["specialists", "specialist"], ["managers", "manager", "management"], ["hours", "hour"],
        ] {
            let stems = Set(group.map(EnglishStemmer.stem))
            #expect(stems.count == 1, "\(group) → \(stems)")
        }
    }

    @Test func wordsBeyondAToZAreKept() {
        #expect(EnglishStemmer.stem("c360") == "c360")
        #expect(EnglishStemmer.stem("œuvres") == "œuvres")
        #expect(SearchTokenizer.terms(in: "Restructuring coordinators") == ["restructur", "coordin"])
    }
}
