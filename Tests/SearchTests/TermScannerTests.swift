import Foundation
import Testing
@testable import PortalSearch

/// Pins `SearchTokenizer.forEachTerm`, which `terms(in:)` now uses, to the `String` reference it replaces.
@Suite struct TermScannerTests {
    /// Pieces that exercise every branch: case, apostrophes, stems, stop words, length limits, non-ASCII words and separators.
    static let pieces = [
        "The", "the", "THIS", "a", "I", "8", "x", " ", "  ", "-", ",", ".", "'", "’", "‘", "\n", "\t", "—", "–", "\u{2028}",
        "hours", "HOURS", "policies", "Ties", "ies", "classes", "boxes", "matches", "wishes", "bus", "status", "analysis",
        "process", "ss", "s", "carrier's", "carriers’", "O'Neil", "rock'n'roll", "2345-5035", "EAS-17",
        String(repeating: "a", count: 31), String(repeating: "b", count: 32), String(repeating: "c", count: 33) + "s",
        String(repeating: "é", count: 32), String(repeating: "é", count: 33),
        "café", "CAFÉS", "naïve", "e\u{301}", "E\u{301}\u{327}", "\u{301}", "ŒUVRES", "straße", "İstanbul", "\u{212A}elvin",
        "ﬁles", "Ⅻ", "½", "٣", "𝐀𝐁𝐂s", "한국어", "日本語", "😀", "👩‍👩‍👧", "ǅungla", "\u{0}", "\u{7F}", "\u{FEFF}", "\u{E000}",
    ]

    @Test(arguments: FoldFastPathTests.samples)
    func samplesMatchTheReference(_ text: String) {
        #expect(SearchTokenizer.terms(in: text) == SearchTokenizer.termsByReference(in: text))
    }

    @Test func fixtureInputsMatchTheReference() throws {
        let inputs = try JSONDecoder().decode(
            [String].self,
            from: Data(contentsOf: TokenizerParityTests.fixtures.appendingPathComponent("tokenizer-inputs.json")))
        for input in inputs {
            #expect(SearchTokenizer.terms(in: input) == SearchTokenizer.termsByReference(in: input), "\(input)")
        }
    }

    @Test func randomMixesMatchTheReference() {
        var generator = SplitMix64(seed: 2024)
        var mismatches: [String] = []
        for _ in 0..<5000 {
            let count = Int(generator.next() % 12)
            let text = (0..<count).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined()
            if SearchTokenizer.terms(in: text) != SearchTokenizer.termsByReference(in: text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(3))")
    }

    @Test func longWordsOutgrowTheWordBuffer() {
        let long = String(repeating: "ab", count: 500) + " keep " + String(repeating: "é", count: 300)
        #expect(SearchTokenizer.terms(in: long) == ["keep"])
        #expect(SearchTokenizer.terms(in: long) == SearchTokenizer.termsByReference(in: long))
    }

    @Test func stopWordKeysMatchTheStopWords() {
        #expect(SearchTokenizer.stopWordKeys.count == SearchTokenizer.stopWords.count)
        for word in SearchTokenizer.stopWords {
            #expect(SearchTokenizer.terms(in: word).isEmpty, "\(word)")
            #expect(SearchTokenizer.terms(in: word + "x") == SearchTokenizer.termsByReference(in: word + "x"))
        }
    }
}
