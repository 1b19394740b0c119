import Foundation
import PropertyBased
import Testing
@testable import PortalCharts

@Suite struct SVGElementTests {
    @Test func writesAttributesInTheirOrderAndSelfClosesEmptyElements() {
        let element = SVGElement("rect", [("x", "1"), ("width", "2"), ("fill", "#fff")])
        #expect(element.xml == "<rect x=\"1\" width=\"2\" fill=\"#fff\"/>")
    }

    @Test func putsChildElementsOnTheirOwnLinesAndTextInline() {
        var group = SVGElement("g", [("class", "a")])
        group.append(SVGElement("text", [("x", "0")], text: "Texas"))
        group.append(SVGElement("line"))
        #expect(group.xml == "<g class=\"a\">\n<text x=\"0\">Texas</text>\n<line/>\n</g>")
    }

    @Test func escapesTextAndAttributes() {
        let element = SVGElement("text", [("data", "a\"b<c>&d\ne")], text: "<script>alert(\"x\") & 'y'</script>")
        #expect(element.xml == "<text data=\"a&quot;b&lt;c&gt;&amp;d&#10;e\">&lt;script&gt;alert(\"x\") &amp; 'y'&lt;/script&gt;</text>")
    }

    @Test func dropsCharactersXMLCannotCarry() {
        #expect(XMLEscape.text("a\u{0}b\u{1F}c\u{FFFE}d\u{FFFF}e\tf") == "abcde\tf")
        #expect(XMLEscape.attribute("a\u{7}b") == "ab")
    }

    /// Reads back any text put in an element and an attribute: the writer's output is always well-formed
    /// and keeps every character XML can carry.
    @Test func anyTextRoundTripsThroughAnXMLParser() async {
        let specials: [UInt32] = [0x00, 0x08, 0x09, 0x0A, 0x0D, 0x1F, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x5D, 0xE9, 0x2013, 0xFFFE, 0xFFFF, 0x1F600]
        await propertyCheck(count: 300, input: Gen.int(in: 0...(specials.count + 60)).array(of: 24)) { picks in
            let scalars = picks.compactMap { pick in
                Unicode.Scalar(pick < specials.count ? specials[pick] : UInt32(0x20 + pick))
            }
            let text = String(String.UnicodeScalarView(scalars))
            let xml = SVGElement("svg", [("xmlns", "http://www.w3.org/2000/svg")], children: [
                .element(SVGElement("text", [("aria-label", text)], text: text)),
            ]).xml
            guard let root = ParsedXML.parse(xml) else {
                Issue.record("not well-formed: \(xml.debugDescription)")
                return
            }
            let kept = String(String.UnicodeScalarView(scalars.filter(XMLEscape.isAllowed)))
            let node = root.all("text").first
            // The parser normalises \r\n and lone \r in text to \n; the references keep them exactly.
            #expect(node?.text.replacingOccurrences(of: "\r\n", with: "\n") == kept.replacingOccurrences(of: "\r\n", with: "\n"))
            #expect(node?.attributes["aria-label"] == kept)
        }
    }
}

@Suite struct ChartNumberTests {
    @Test func coordinatesHaveAtMostTwoDecimalsAndNoTrailingZeros() {
        #expect(ChartNumber.coordinate(40) == "40")
        #expect(ChartNumber.coordinate(12.5) == "12.5")
        #expect(ChartNumber.coordinate(178.2999) == "178.3")
        #expect(ChartNumber.coordinate(0.005) == "0.01")
        #expect(ChartNumber.coordinate(0.05) == "0.05")
        #expect(ChartNumber.coordinate(-3.25) == "-3.25")
        #expect(ChartNumber.coordinate(-0.001) == "0")
    }

    @Test func plainDecimalsDropTrailingZeros() {
        #expect(ChartNumber.plain(Decimal(string: "102.00")!) == "102")
        #expect(ChartNumber.plain(Decimal(string: "134.99")!) == "134.99")
        #expect(ChartNumber.plain(Decimal(string: "40.50")!) == "40.5")
    }

    @Test func signedUsesAMinusSign() {
        #expect(ChartNumber.signed(7) == "+7")
        #expect(ChartNumber.signed(-3) == "\u{2212}3")
        #expect(ChartNumber.signed(0) == "no change")
    }
}
