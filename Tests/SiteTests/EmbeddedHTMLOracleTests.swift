@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


/// Pins the one-pass `EmbeddedHTML.embed` to the three `Regex` passes it replaced (commit 533a23c).
@Suite struct EmbeddedHTMLOracleTests {
    /// The former implementation, kept verbatim as the reference.
    static func regexEmbed(_ html: String, idPrefix: String, from source: String, to page: String, demote: Int) -> String {
        var out = html.replacing(/<(\/?)h([1-6])(?=[\s>])/) { match in
            let level = min(Int(match.output.2)! + demote, 6)
            return "<\(match.output.1)h\(level)"
        }
        out = out.replacing(/\s(id|for|aria-labelledby|aria-describedby|headers)="([^"]*)"/) { match in
            let ids = match.output.2.split(separator: " ").map { idPrefix + $0 }.joined(separator: " ")
            return " \(match.output.1)=\"\(ids)\""
        }
        out = out.replacing(/\s(href|src)="([^"]*)"/) { match in
            " \(match.output.1)=\"\(EmbeddedHTML.rebase(String(match.output.2), idPrefix: idPrefix, from: source, to: page))\""
        }
        return out
    }

    static let snippets = [
        "<h1 id=\"top\">Top</h1>\n<h2>Sub</h2><h3\nclass=\"x\">Three</h3><h6 id=\"six\">Six</h6><h7>no</h7><hr><header><h10>x</h10>",
        "<p>See <a href=\"#top\">top</a>, <a href=\"../codes/2345.html#m-1\">code</a>, <a href=\"https://e.org/a?b=c#d\">ext</a>, <a href=\"mailto:a@b.c\">mail</a>, <a href=\"/abs.html\">abs</a>, <a href=\"\">empty</a>, <a href=\"./x/../y.html?q=1\">rel</a></p>",
        "<table><tr><th id=\"h1\" scope=\"col\">A</th><td headers=\"h1  h2 \" aria-describedby=\"d\">é</td></tr></table><label for=\"f\">F</label><img src=\"../img/a.svg\" alt=\"\">",
        "<p>Text with h2 and &lt;h2&gt; and data-id=&quot;q&quot; and hid=\"x\" and xhref=\"y\" — naïve café ŒUVRE</p>\n<div\tid=\"tab\"\thref=\"tab.html\"></div>",
        "<section aria-labelledby=\"s1 s2\"><h4 id=\"s1\">Ω</h4></section><a\nhref=\"../../up/two.html\">u</a><a href=\"a:b/c\">x</a><a href=\"dir/a:b\">y</a>",
        "<h2", "<h2>", "</h2>", " id=\"", " id=\"unterminated", "", "<", "<h", "<h9 x>", "< h2>",
    ]

    @Test(arguments: snippets)
    func matchesRegexImplementation(_ html: String) {
        for (source, page, demote) in [("positions/x.html", "packets/letters/y.html", 1), ("letters/l.html", "letters/l.html", 2), ("a.html", "b/c/d.html", 5)] {
            #expect(EmbeddedHTML.embed(html, idPrefix: "enclosure-1-", from: source, to: page, demote: demote)
                == Self.regexEmbed(html, idPrefix: "enclosure-1-", from: source, to: page, demote: demote))
        }
    }

    /// Generated HTML as cmark-gfm and the portal write it: whole tags, escaped text between them.
    @Test func matchesRegexImplementationOnGeneratedHTML() {
        let pieces = [
            "<p>", "</p>", "<h2 id=\"a b\">", "</h2>", "<h3>", "</h3>", "<a href=\"../x.html#y\">", "<a href=\"#top\" title=\"a &gt; b\">",
            "</a>", " text ", "word", "&quot;", "&lt;h2&gt;", " id=&quot;x&quot; ", "<td headers=\"h1 h2\">", "</td>",
            "<img src=\"a.png\" alt=\"x y\">", " href ", "\n", "é", "<section aria-labelledby=\"s\">", "<div\tclass=\"c\"\nid=\"d\">",
        ]
        var state: UInt64 = 0x0BAD_5EED_1234_5678
        for _ in 0..<1500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let html = (0..<Int(state >> 59)).map { step in pieces[Int((state >> UInt64(step % 50)) % UInt64(pieces.count))] }.joined()
            #expect(EmbeddedHTML.embed(html, idPrefix: "e-", from: "positions/x.html", to: "packets/letters/y.html", demote: 1)
                == Self.regexEmbed(html, idPrefix: "e-", from: "positions/x.html", to: "packets/letters/y.html", demote: 1), "\(html.debugDescription)")
        }
    }
}
