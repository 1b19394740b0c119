import Testing
@testable import PortalSearch

/// Pins the ASCII fast paths of `SearchTokenizer` to the Unicode-only reference they replace.
@Suite struct FoldFastPathTests {
    static let samples = [
        "Café RÉSUMÉ naïve 2345-5035 ŒUVRE straße İstanbul",
        "",
        "plain ASCII, with Punctuation: [a] {b} `c` ~d~ 0-9 A-Z @#$%^&*()_+=|\\\"'<>?/",
        "e\u{301}E\u{301}\u{327}x",  // marks after ASCII letters, needing canonical reordering
        "\u{301}leading mark and trailing mark\u{301}",
        "ΟΔΟΣ ΑΣ'Α Ωμέγα ǅungla ﬁne Ⅻ ½ ٣ 𝐀𝐁𝐂 한국어 日本語 Ǆ",
        "carriers’ hours—tabs\tand\nnewlines\r\n",
        "İİI ıi ẞß ﬀ Å Å Ω Ω",
        "mixed😀emoji👩‍👩‍👧text and \u{0}controls\u{7F}",
    ]

    @Test(arguments: samples)
    func foldMatchesUnicodeReference(_ text: String) {
        #expect(Array(SearchTokenizer.fold(text).unicodeScalars) == Array(SearchTokenizer.foldUnicode(text).unicodeScalars))
    }

    @Test func foldMatchesUnicodeReferenceOnEveryScalarNextToASCII() {
        // Every BMP scalar and some astral ones, alone and between ASCII letters.
        let values = Array(0...0xFFFF) + Array(0x1D400...0x1D4FF) + Array(0x1F600...0x1F64F)
        let scalars = values.compactMap { Unicode.Scalar(UInt32($0)) }
        var mismatches: [String] = []
        for scalar in scalars {
            for text in [String(scalar), "A\(scalar)b", "\(scalar)Z\(scalar)"]
            where Array(SearchTokenizer.fold(text).unicodeScalars) != Array(SearchTokenizer.foldUnicode(text).unicodeScalars) {
                mismatches.append(text)
            }
        }
        #expect(mismatches.isEmpty)
    }

    @Test func asciiWordAndDigitShortcutsMatchCategories() {
        for value in 0..<0x80 {
            let scalar = Unicode.Scalar(UInt8(value))
            #expect(SearchTokenizer.isWordScalar(scalar) == SearchTokenizer.isWordScalarByCategory(scalar))
            #expect(SearchTokenizer.isDigit(scalar) == (scalar.properties.generalCategory == .decimalNumber))
        }
    }

    @Test func termsOfMixedTextAreUnchanged() {
        #expect(SearchTokenizer.terms(in: "Café RÉSUMÉ naïve 2345-5035 ŒUVRE straße İstanbul")
            == ["cafe", "resum", "naiv", "2345", "5035", "œuvre", "straße", "istanbul"])
    }
}
