import Foundation
import PropertyBased
import Testing
@testable import StaffingModel

@Suite("Districts CSV")
struct DistrictsCSVTests {
    static let header = "district,c360_service_requests,congressional_and_pcc,possible_deliveries,bsn_requests"

    func parse(_ lines: [String]) throws(StaffingErrors) -> DistrictCounts {
        try DistrictCounts.parse(csv: lines.joined(separator: "\n") + "\n", path: Fixtures.csvPath, model: try! Fixtures.model())
    }

    func errors(_ lines: [String]) -> [StaffingError] {
        Fixtures.errors { () throws(StaffingErrors) in _ = try parse(lines) }
    }

    func located(_ errors: [StaffingError]) -> [String] { errors.map { "\($0.line):\($0.column)" } }

    @Test("a valid CSV gives one row per district with its counts and line")
    func valid() throws {
        let counts = try parse([Self.header, "Texas,19400,121,6528210,3060", "", "Hawaii, 5010 ,30,1475600,770"])
        #expect(counts.columns == Fixtures.factorKeys)
        #expect(counts.rows.map(\.district) == ["Texas", "Hawaii"])
        #expect(counts.rows.map(\.line) == [2, 4])
        #expect(counts.rows[1].counts == [
            "c360_service_requests": 5010, "congressional_and_pcc": 30, "possible_deliveries": 1_475_600, "bsn_requests": 770,
        ])
        #expect(counts.isIllustrative == false)
    }

    @Test("quoted names may hold commas and quotes; CRLF endings work")
    func quoting() throws {
        let text = Self.header + "\r\n\"Washington, \"\"DC\"\"\",1,2,3,4\r\n"
        let counts = try DistrictCounts.parse(csv: text, path: Fixtures.csvPath)
        #expect(counts.rows.map(\.district) == ["Washington, \"DC\""])
        #expect(counts.rows.first?.counts["bsn_requests"] == 4)
    }

    @Test("unquoted fields lose the blanks around them, not inside; quoted fields keep theirs")
    func blanksAroundFields() {
        let (records, problems) = CSVReader.read("a b \t, \tc\t\t,\" q \"  ,\t\n  x y  ,é \n")
        #expect(problems.isEmpty)
        #expect(records.map { $0.fields.map(\.text) } == [["a b", "c", " q ", ""], ["x y", "é"]])
        #expect(records.map { $0.fields.map(\.column) } == [[1, 9, 13, 22], [3, 9]])
    }

    @Test("a non-numeric count is reported at its field")
    func nonNumeric() {
        let found = errors([Self.header, "Texas,19400,12a,6528210,3060"])
        #expect(located(found) == ["2:13"])
        #expect(found.first?.message.contains("congressional_and_pcc must be a whole number") == true)
        #expect(found.first?.message.contains("found '12a'") == true)
    }

    @Test("a long or binary value is quoted cut short, with its control characters as code points")
    func longValueIsExcerpted() {
        let long = String(repeating: "9x", count: 50_000)
        let found = errors([Self.header, "Texas,19400,\(long),6528210,3060", "Ohio\u{0}\u{0},1,2,3,4", "Ohio\u{0}\u{0},1,2,3,4"])
        let count = found.first { $0.line == 2 }?.message ?? ""
        #expect(count.contains("found '\(String(long.prefix(40)))…'"))
        #expect(count.count < 200)
        #expect(found.contains { $0.message.hasPrefix("district 'Ohio<U+0000><U+0000>' already appears on line 3") })
        let header = errors([String(repeating: "\u{0}", count: 1000) + ",a"])
        #expect(header.first?.message.contains("found '\(String(repeating: "<U+0000>", count: 40))…'") == true)
    }

    @Test("a thousands separator or a decimal is not a count")
    func formatted() {
        let found = errors([Self.header, "Texas,\"19,400\",121,6528210,3060.5"])
        #expect(located(found) == ["2:7", "2:28"])
        #expect(found.allSatisfy { $0.message.contains("no commas or units") })
    }

    @Test("a negative count is reported at its field")
    func negative() {
        let found = errors([Self.header, "Ohio,-5,1,1,1"])
        #expect(located(found) == ["2:6"])
        #expect(found.first?.message.contains("can't be negative") == true)
    }

    @Test("an empty count is reported at its field")
    func empty() {
        let found = errors([Self.header, "Hawaii,5010,,1475600,770"])
        #expect(located(found) == ["2:13"])
        #expect(found.first?.message.contains("found an empty value") == true)
    }

    @Test("a short line is reported where the missing value would go")
    func shortRow() {
        let found = errors([Self.header, "Hawaii,5010,30,1475600"])
        #expect(located(found) == ["2:23"])
        #expect(found.first?.message.contains("missing column 'bsn_requests'") == true)
    }

    @Test("an extra value is reported at its field")
    func extraValue() {
        let found = errors([Self.header, "Hawaii,5010,30,1475600,770,9"])
        #expect(located(found) == ["2:28"])
    }

    @Test("a header column the model lacks, and a factor with no column, are both reported")
    func headerAgainstModel() {
        let header = "district,c360_service_requests,congressional_and_pcc,possible_deliveries,bsn_request"
        let found = errors([header, "Texas,1,2,3,4"])
        #expect(located(found) == ["1:74", "1:85"])
        #expect(found[0].message.contains("unknown factor column 'bsn_request'"))
        #expect(found[1].message.contains("missing column 'bsn_requests'"))
        #expect(found[1].message.contains("c360_service_requests,congressional_and_pcc,possible_deliveries,bsn_requests"))
    }

    @Test("a missing factor column is reported at the end of the header")
    func missingHeaderColumn() {
        let found = errors(["district,c360_service_requests,congressional_and_pcc,possible_deliveries", "Texas,1,2,3"])
        #expect(located(found) == ["1:73"])
    }

    @Test("the first column must be district")
    func firstColumn() {
        let found = errors(["name,c360_service_requests", "Texas,1"])
        #expect(located(found) == ["1:1"])
        #expect(found.first?.message.contains("must be 'district'") == true)
    }

    @Test("a district listed twice is reported with the earlier line")
    func duplicate() {
        let found = errors([Self.header, "Ohio,1,1,1,1", "Texas,1,1,1,1", "ohio,2,2,2,2"])
        #expect(located(found) == ["4:1"])
        #expect(found.first?.message.contains("already appears on line 2") == true)
    }

    @Test("a header without districts, and an empty file, are reported")
    func noRows() {
        #expect(located(errors([Self.header])) == ["1:86"])
        #expect(Fixtures.errors { () throws(StaffingErrors) in _ = try DistrictCounts.parse(csv: "", path: "x.csv") }
            .map(\.message).first?.hasPrefix("the file is empty") == true)
    }

    @Test("an unclosed quote is reported at the field")
    func unclosedQuote() {
        let found = errors([Self.header, "\"Ohio,1,1,1,1"])
        #expect(found.contains { $0.line == 2 && $0.column == 1 && $0.message.contains("never closed") })
    }

    @Test("every problem in the file is reported, in line order")
    func allErrors() {
        let found = errors([Self.header, "Texas,x,1,1,1", "Ohio,1,-1,1,1", "Ohio,1,1,1"])
        #expect(located(found) == ["2:7", "3:8", "4:1", "4:11"])
    }
}

@Suite("Trimming")
struct TrimmingTests {
    /// The shortcut for values that start and end with a visible ASCII character gives what Foundation gives.
    @Test("trimmed is Foundation's trimming, with or without the shortcut")
    func trimmedMatchesFoundation() {
        let pieces = ["a", "19400", " ", "\t", "\n", "\r\n", "\u{00A0}", "\u{3000}", "\u{2028}", "\u{0085}", "é", "e\u{301}", "~", "!", "\u{7F}", "\u{1F600}", "x y", ""]
        var random = Xoshiro(seed: (5, 8, 13, 21))
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0..<5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.unicodeScalars.map { $0.value })")
        }
    }
}
