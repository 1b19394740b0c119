import Foundation
@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing

@Suite("JSON data blocks")
struct JSONScriptTests {
    /// Strings with every ASCII byte, separators, non-ASCII letters and emoji, in a repeatable order.
    static func strings(count: Int) -> [String] {
        var pieces = (0..<0x80).map { String(Unicode.Scalar(UInt8($0))) }
        pieces += ["é", "\u{2028}", "\u{2029}", "\u{85}", "\u{FEFF}", "😀", "</script>", "<!--", "e\u{301}", "Q&A", "2345-5035"]
        var state: UInt64 = 1004
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in (0..<next(30)).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    @Test("the writer matches JSONSerialization with sorted keys, byte for byte")
    func matchesFoundation() throws {
        let keys = ["@context", "@type", "name", "mainEntity", "acceptedAnswer", "text", "Name", "_id", "a10", "a9", "B", "b"]
        for (index, string) in Self.strings(count: 1_500).enumerated() {
            let object: [String: Any] = [
                keys[index % keys.count]: string, keys[(index + 3) % keys.count]: [["@type": "Answer", "text": string]],
                keys[(index + 5) % keys.count]: index % 2 == 0, keys[(index + 7) % keys.count]: index,
            ]
            var ours: [UInt8] = []
            #expect(JSONScript.append(object, to: &ours))
            let foundation = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            #expect(ours == Array(foundation), "\(string.debugDescription)")
        }
    }

    @Test("the block escapes what could end the script element and still parses back to the same text")
    func scriptSafe() throws {
        let text = "</script><!-- a & b > c \u{2028}\u{2029}"
        let block = JSONScript.encode(["text": text, "list": [1, true]] as [String: Any])
        #expect(!block.contains("<") && !block.contains(">") && !block.contains("&"))
        #expect(!block.contains("\u{2028}") && !block.contains("\u{2029}"))
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        #expect(parsed["text"] as? String == text)
    }

    @Test("values JSON cannot hold fall back to JSONSerialization's judgement")
    func unsupportedValues() {
        var out: [UInt8] = []
        #expect(!JSONScript.append(["date": Date()] as [String: Any], to: &out))
        #expect(JSONScript.encode(["date": Date()] as [String: Any]) == "{}")
    }

    @Test("the escaped block is the JSON with each escape in place, as a byte-by-byte walk writes it")
    func escapesInPlace() {
        for string in Self.strings(count: 1_500) {
            var json: [UInt8] = []
            _ = JSONScript.append(["text": string] as [String: Any], to: &json)
            var expected = ""
            for scalar in String(decoding: json, as: UTF8.self).unicodeScalars {
                switch scalar {
                case "<": expected += #"\u003c"#
                case ">": expected += #"\u003e"#
                case "&": expected += #"\u0026"#
                case "\u{2028}": expected += #"\u2028"#
                case "\u{2029}": expected += #"\u2029"#
                default: expected.unicodeScalars.append(scalar)
                }
            }
            #expect(JSONScript.encode(["text": string] as [String: Any]) == expected, "\(string.debugDescription)")
        }
    }
}
