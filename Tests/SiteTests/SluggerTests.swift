@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


/// `Slugger.slug` takes a byte path for ASCII text; it must give what the Unicode-scalar path gives.
@Suite struct SluggerTests {
    @Test func asciiSlugsMatchTheScalarPath() {
        let pieces = ["Duties", "and", " ", "  ", "-", "2345-5035", "EAS-17", "Q&A", "(a)", ".", "\t", "Z", "z", "0", "9", "@", "[", "`", "{", "/", ":", ""]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<3000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let text = (0..<Int(state >> 58)).map { step in pieces[Int((state >> UInt64(step % 50)) % UInt64(pieces.count))] }.joined()
            #expect(Slugger.slug(text) == Slugger.unicodeSlug(text), "\(text.debugDescription)")
        }
    }

    @Test func slugsAreShortLowercaseAndHyphenated() {
        #expect(Slugger.slug("Duties and Responsibilities") == "duties-and-responsibilities")
        #expect(Slugger.slug("  --  ") == "section")
        #expect(Slugger.slug("!!", fallback: "slide") == "slide")
        // It stops once 60 bytes are reached, so a hyphen and a letter can make 61.
        #expect((60...61).contains(Slugger.slug(String(repeating: "ab ", count: 40)).utf8.count))
        // Lowercasing can make ASCII out of other letters; such text keeps the scalar path.
        #expect(Slugger.slug("\u{212A}elvin Café") == "kelvin-caf")
    }

    @Test func repeatedHeadingsGetNumberedSlugs() {
        var slugger = Slugger()
        #expect(slugger.unique("Duties") == "duties")
        #expect(slugger.unique("Duties") == "duties-2")
        #expect(slugger.unique("duties!") == "duties-3")
    }
}
