import Testing

import PortalBytes
@testable import PortalContent

/// `LineBreaks.lines` finds line ends by bytes; it must cut text exactly where splitting by `Character` does.
@Suite struct LineBreaksTests {
    /// `count` texts of up to 31 `pieces` each, the same on every run: a failing one can be reproduced.
    static func texts(of pieces: [String], count: Int, seed: UInt64) -> [String] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (0..<Int(state >> 59)).map { step in pieces[Int((state >> UInt64(step % 50)) % UInt64(pieces.count))] }.joined()
        }
    }

    /// The loader cuts a document's front matter as its first lines, by bytes; it must cut where counting line ends by character does.
    @Test func firstLinesMatchCountingByCharacter() {
        let pieces = ["a", "é", "e\u{301}", "\u{301}", "👩‍👩‍👧", "\n", "\n\n", " ", "---", ""]
        for text in Self.texts(of: pieces, count: 1000, seed: 0x2545_F491_4F6C_DD1D) {
            for count in 0..<6 {
                var expected = text.startIndex
                var seen = 0
                while seen < count, expected < text.endIndex {
                    if text[expected] == "\n" { seen += 1 }
                    expected = text.index(after: expected)
                }
                #expect(ContentLoader.lines(count, of: text) == text[..<expected], "\(count) lines of \(text.debugDescription)")
            }
        }
    }

    @Test func linesMatchSplittingByCharacter() {
        // Pieces that are easy to get wrong by bytes: combining marks after a line end, emoji, empty lines.
        let pieces = ["a", "é", "e\u{301}", "\u{301}", "👩‍👩‍👧", "\n", "\n\n", " ", "2345-5035", "—", ""]
        for text in Self.texts(of: pieces, count: 2000, seed: 0x9E37_79B9_7F4A_7C15) {
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(LineBreaks.lines(text) == expected, "\(text.debugDescription)")
            let tail = text.dropFirst(min(2, text.count))
            #expect(LineBreaks.lines(tail) == tail.split(separator: "\n", omittingEmptySubsequences: false))
        }
        #expect(LineBreaks.lines("") == [""])
        #expect(LineBreaks.lines("\n") == ["", ""])
    }
}
