import Foundation
import PortalSearch
import Testing

/// The Swift tokenizer and search.js must agree, or queries miss what the index holds.
///
/// This test writes what the Swift side makes of each shared input; the browser
/// check `test_search.test_javascript_tokenizer_matches_swift` compares search.js
/// with the same file, so a change on either side without the other fails.
/// Run with `RECORD_TOKENIZER_TERMS=1` to re-record the file after a deliberate
/// change, then make search.js agree.
@Suite struct TokenizerParityTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/search")

    @Test func expectedTermsAreWhatTheSwiftTokenizerMakes() throws {
        let inputs = try JSONDecoder().decode(
            [String].self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("tokenizer-inputs.json")))
        let termsFile = Self.fixtures.appendingPathComponent("tokenizer-terms.json")
        if ProcessInfo.processInfo.environment["RECORD_TOKENIZER_TERMS"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let recorded = Dictionary(uniqueKeysWithValues: inputs.map { ($0, SearchTokenizer.terms(in: $0)) })
            try encoder.encode(recorded).write(to: termsFile)
        }
        let expected = try JSONDecoder().decode([String: [String]].self, from: Data(contentsOf: termsFile))
        #expect(inputs.count >= 10)
        for input in inputs {
            #expect(SearchTokenizer.terms(in: input) == expected[input], "\(input)")
        }
    }
}
