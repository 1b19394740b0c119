import Testing

@testable import PortalSite

/// Escaping into a byte buffer, as the redline writer does, gives what `HTML.escape` gives.
@Suite struct HTMLByteEscapeTests {
    @Test func appendingEscapedBytesMatchesEscape() {
        let pieces = ["a", "&", "<", ">", "\"", "'", "é", "e\u{301}", "\"\u{301}", "👩‍👩‍👧", " ", "&amp;", ""]
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let text = (0..<Int(state >> 59)).map { step in pieces[Int((state >> UInt64(step % 50)) % UInt64(pieces.count))] }.joined()
            var out: [UInt8] = Array("x".utf8)
            HTML.appendEscaped(text, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "x" + HTML.escape(text), "\(text.debugDescription)")
        }
    }
}
