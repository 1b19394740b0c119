import Testing
@testable import PortalContent
@testable import PortalRedline

@Suite("Word diff tokens")
struct WordDiffTokenTests {
    /// Pieces random texts are made of: words, every punctuation mark the tokenizer cuts off, and each kind of space.
    static let pieces = [
        "duties", "EAS-17", "2345-5035", "a", "(", ")", "[", "]", ",", ";", ":", ".", "!", "?", "\"", "'", "*",
        " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "-", "/", "&", "#",
    ]
    static let nonASCII = ["“", "”", "‘", "’", "é", "e\u{301}", "\r\n", "\r", "\u{A0}", "\u{2003}", "\u{85}"]

    /// A repeatable stream of texts (a linear congruential generator), so a failure names its text.
    static func texts(count: Int, pieces: [String]) -> [String] {
        var state: UInt64 = 0x2345_5035
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in (0..<next(40)).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    @Test("the byte scan gives the same tokens, with the same spacing, as the Character walk for ASCII text")
    func asciiMatchesCharacters() {
        for text in Self.texts(count: 3_000, pieces: Self.pieces) {
            let fast = text.utf8.withContiguousStorageIfAvailable { WordDiff.asciiTokens($0) } ?? nil
            let slow = WordDiff.characterTokens(text)
            #expect(fast.map { $0.map(\.text) } == slow.map(\.text), "\(text.debugDescription)")
            #expect(fast.map { $0.map(\.spaceBefore) } == slow.map(\.spaceBefore), "\(text.debugDescription)")
        }
    }

    @Test("text with non-ASCII characters or carriage returns takes the Character walk")
    func otherTextFallsBack() {
        for text in Self.texts(count: 1_000, pieces: Self.pieces + Self.nonASCII) {
            let tokens = WordDiff.tokens(text)
            let slow = WordDiff.characterTokens(text)
            #expect(tokens.map(\.text) == slow.map(\.text), "\(text.debugDescription)")
            #expect(tokens.map(\.spaceBefore) == slow.map(\.spaceBefore), "\(text.debugDescription)")
        }
        #expect(WordDiff.tokens("a\r\nb").map(\.text) == ["a", "b"])
    }

    @Test("punctuation is cut from both ends of a word, and spacing is kept on the first piece")
    func punctuation() {
        let tokens = WordDiff.tokens("duties (\"coordinate\"), grade.\nEAS-17")
        #expect(tokens.map(\.text) == ["duties", "(", "\"", "coordinate", "\"", ")", ",", "grade", ".", "\n", "EAS-17"])
        #expect(tokens.map(\.spaceBefore) == [false, true, false, false, false, false, false, true, false, false, false])
    }
}
