import Testing
@testable import PortalSearch

/// Holds the byte-level encoders of the index files to the `String` code they replaced.
@Suite struct ScriptEncodingTests {
    /// `JavaScriptLiteral.string` as it was, scalar by scalar.
    static func referenceString(_ text: String) -> String {
        func escape(_ value: UInt32) -> String {
            let hex = String(value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "'", "\u{2028}", "\u{2029}": out += escape(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += escape(scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    @Test func stringLiteralsMatchTheReferenceForEveryScalar() {
        let values = Array(0...0xFFFF) + Array(0x1F600...0x1F64F) + [0x10FFFF]
        var mismatches: [UInt32] = []
        for scalar in values.compactMap({ Unicode.Scalar(UInt32($0)) }) {
            for text in [String(scalar), "a\(scalar)b", "\(scalar)\(scalar)"]
            where JavaScriptLiteral.string(text) != Self.referenceString(text) {
                mismatches.append(scalar.value)
            }
        }
        #expect(mismatches.isEmpty)
        for text in ["", "plain", "\u{2028}\u{2029}\u{2027}\u{202A}", "€ and \u{E2}", "</script><!-- 'x' & \"y\" \\ -->"] {
            #expect(JavaScriptLiteral.string(text) == Self.referenceString(text), "\(text)")
        }
    }

    @Test func decimalsMatchStringConversion() {
        // Every value to 2,000 and its negative cover the one-, two- and three-digit paths and the step past them.
        for value in Array(-2000...2000) + [9999, 10000, 12345, -987654321, Int.max, Int.min, Int.min + 1] {
            var out: [UInt8] = []
            SearchIndexFiles.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    @Test func termOrderSortMatchesUTF16Order() {
        let ascii = ["b", "a", "ab", "10", "1", "zz", "z", "a1", ""]
        #expect(TermOrder.sorted(ascii) == ascii.sorted(by: SearchIndex.termOrder))
        // U+E000…U+FFFF sorts after surrogate pairs in UTF-16 but before them as code points.
        let wide = ascii + ["\u{FF21}", "😀", "\u{E000}x", "é", "日本", "𝐀", "\u{FFFD}"]
        #expect(TermOrder.sorted(wide) == wide.sorted(by: SearchIndex.termOrder))
        #expect(TermOrder.sorted(wide).firstIndex(of: "😀")! < TermOrder.sorted(wide).firstIndex(of: "\u{FF21}")!)
    }

    @Test func pruningKeepsTheHighestImpactsWithTiesToTheEarlierPart() {
        let documents = SearchDocumentTermsTests.fillerDocuments
        var full = SearchRanking()
        full.maximumPostingsPerTerm = .max
        var pruned = full
        pruned.maximumPostingsPerTerm = 5
        let fullIndex = SearchIndex(documents: documents, ranking: full)
        let prunedIndex = SearchIndex(documents: documents, ranking: pruned)
        var cut = 0
        for (term, list) in fullIndex.postings {
            // The previous implementation: best impact first, ties by (document, part), then back in order.
            let expected = list.count <= 5 ? list
                : list.sorted { ($0.impact, $1.document, $1.part) > ($1.impact, $0.document, $0.part) }.prefix(5).sorted()
            #expect(prunedIndex.postings[term] == expected, "\(term)")
            #expect(prunedIndex.prunedCounts[term] == (list.count > 5 ? list.count : nil))
            if list.count > 5 && Set(list.map(\.impact)).count < list.count { cut += 1 }
        }
        #expect(cut > 0, "some cut list has ties")
    }

    @Test func aDocumentScriptIsTheFileTheIndexWrites() {
        let documents = SearchDocumentTermsTests.documents + SearchDocumentTermsTests.fillerDocuments
        let files = SearchIndexFiles().files(for: SearchIndex(documents: documents))
        for (number, document) in documents.enumerated() {
            let path = SearchIndexFiles.documentPath(number: number)
            #expect(path == "search/d/\(number).js")
            #expect(files.first { $0.path == path }?.contents == SearchIndexFiles.documentScript(number: number, document: document))
        }
        let script = SearchIndexFiles.documentScript(number: 1, document: documents[1])
        #expect(script == "PortalSearch.addDocument(1,\(SearchIndexFiles.document(documents[1])));\n")
        #expect(SearchIndexFiles.document(documents[1]) == JavaScriptLiteral.object([
            ("title", "\"\""), ("kind", "\"Q\\u0026A\""), ("date", "\"2023-01-01\""), ("dateText", "\"January 1, 2023\""),
            ("url", "\"qa/b.html\""), ("code", "null"), ("grade", "null"), ("text", "\"\""), ("parts", "[]"),
        ]))
    }

    /// Objects are written into one buffer; they must be what joining each member's literal gave.
    @Test func objectLiteralsMatchJoiningTheirMembers() {
        var random = SplitMix64(seed: 11)
        let pieces = ["title", "a\"b", "x<y>&z", "line\nbreak", "\u{2028}", "é", "", "grade", "'", "\\", "\u{1F600}"]
        for _ in 0..<2_000 {
            let members = (0..<Int.random(in: 0..<6, using: &random)).map { _ -> (key: String, value: String) in
                let key = (0..<Int.random(in: 0..<3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                return (key, JavaScriptLiteral.string(pieces.randomElement(using: &random)!))
            }
            let joined = "{" + members.map { JavaScriptLiteral.string($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
            #expect(JavaScriptLiteral.object(members) == joined)
        }
    }
}
