@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


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

/// Feed and sitemap text keeps every character XML allows; the whole-text shortcut must agree with the scalar filter.
@Suite struct XMLTextTests {
    static func filtered(_ text: String) -> String {
        HTML.escape(String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            scalar.value >= 0x20 ? !(0xFFFE...0xFFFF).contains(scalar.value) : scalar == "\t" || scalar == "\n" || scalar == "\r"
        })))
    }

    @Test func shortcutAgreesWithTheScalarFilter() {
        let pieces = ["a", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "é", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EFFF}", "<&>", " ", ""]
        var state: UInt64 = 0x4F1B_BCDC_BFA5_3E0B
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let text = (0..<Int(state >> 59)).map { step in pieces[Int((state >> UInt64(step % 50)) % UInt64(pieces.count))] }.joined()
            #expect(XMLText.escape(text) == Self.filtered(text), "\(text.debugDescription)")
        }
    }
}
