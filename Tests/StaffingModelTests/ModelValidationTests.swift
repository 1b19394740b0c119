import Foundation
import Testing
@testable import StaffingModel

@Suite("Model file validation")
struct ModelValidationTests {
    /// The fixture model with line `line` (1-based) replaced.
    func yaml(replacing line: Int, with text: String) -> String {
        var lines = Fixtures.modelYAML.components(separatedBy: "\n")
        lines[line - 1] = text
        return lines.joined(separator: "\n")
    }

    func errors(_ text: String) -> [StaffingError] {
        Fixtures.errors { () throws(StaffingErrors) in _ = try WorkloadModel.parse(yaml: text, path: Fixtures.modelPath) }
    }

    @Test("the letter's model parses with factors, bands in file order, codes and exception")
    func validModel() throws {
        let model = try Fixtures.model()
        #expect(model.name == "Customer Relations staffing criteria (proposed 2022)")
        #expect(model.standardization == .indexToMean)
        #expect(model.factors.map(\.key) == Fixtures.factorKeys)
        #expect(model.factors.map(\.weight) == [40, 30, 10, 20])
        #expect(model.bands.map(\.range.label) == ["187.00–203.00", "135.00–186.99", "102.00–134.99", "40.00–101.99"])
        #expect(model.bands.map { $0.earned[Fixtures.crc] } == [4, 3, 2, 1])
        #expect(model.bands.map { $0.earned[Fixtures.crs] } == [1, 1, 0, 0])
        #expect(model.occupationCodes == [Fixtures.crc, Fixtures.crs])
        #expect(model.exceptions == [BandException(districts: ["California", "Hawaii", "Puerto Rico"], retain: Fixtures.crs, inLieuOf: Fixtures.crc)])
    }

    @Test("weights that do not sum to 100 are reported at the factors key")
    func weightsSum() {
        let found = errors(yaml(replacing: 7, with: "  - {key: bsn_requests, label: Number of Business Service Network requests, weight: 25}"))
        #expect(found.count == 1)
        #expect(found.first.map { "\($0.path):\($0.line):\($0.column)" } == "\(Fixtures.modelPath):3:1")
        #expect(found.first?.message.contains("sum to 105, not 100") == true)
        #expect(found.first?.message.contains("adjust the weights") == true)
    }

    @Test("an overlapping band is reported at its max")
    func overlap() {
        let found = errors(yaml(replacing: 10, with: "  - {min: 135.00, max: 187.50, earned: {\"2345-5035\": 3, \"2370-0671\": 1}}"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["10:24"])
        #expect(found.first?.message.contains("overlaps band 187.00–203.00") == true)
        #expect(found.first?.message.contains("set max to 186.99") == true)
    }

    @Test("a gap between bands is reported at the bound that leaves it")
    func gap() {
        let found = errors(yaml(replacing: 11, with: "  - {min: 102.00, max: 133.99, earned: {\"2345-5035\": 2, \"2370-0671\": 0}}"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["11:24"])
        #expect(found.first?.message.contains("scores 134.00–134.99 fall in no band") == true)
        #expect(found.first?.message.contains("set max to 134.99") == true)
    }

    @Test("a gap in ascending bands is reported at the later band's min")
    func ascendingGap() {
        let text = """
            name: up
            standardization: index-to-mean
            factors: [{key: a, label: A, weight: 100}]
            bands:
              - {min: 0, max: 9.99, earned: {"1111-1111": 0}}
              - {min: 10.01, max: 20, earned: {"1111-1111": 1}}
            """
        let found = errors(text)
        #expect(found.map { "\($0.line):\($0.column)" } == ["6:11"])
        #expect(found.first?.message.contains("set min to 10.00") == true)
    }

    @Test("bands out of order are reported")
    func outOfOrder() {
        var lines = Fixtures.modelYAML.components(separatedBy: "\n")
        lines.swapAt(10, 11)  // third and fourth bands
        let found = errors(lines.joined(separator: "\n"))
        #expect(found.contains { $0.line == 12 && $0.column == 11 && $0.message.contains("out of order") })
    }

    @Test("a band whose max is below its min is reported at max")
    func inverted() {
        let found = errors(yaml(replacing: 12, with: "  - {min: 40.00, max: 30.00, earned: {\"2345-5035\": 1, \"2370-0671\": 0}}"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["12:23"])
        #expect(found.first?.message.contains("swap them") == true)
    }

    @Test("bounds finer than 0.01 are rejected")
    func resolution() {
        let found = errors(yaml(replacing: 12, with: "  - {min: 40.005, max: 101.99, earned: {\"2345-5035\": 1, \"2370-0671\": 0}}"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["12:11"])
        #expect(found.first?.message.contains("finer than 0.01") == true)
    }

    @Test("every band must list the same codes")
    func missingCode() {
        let found = errors(yaml(replacing: 11, with: "  - {min: 102.00, max: 134.99, earned: {\"2345-5035\": 2}}"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["11:40"])
        #expect(found.first?.message.contains("add \"2370-0671\": 0") == true)
    }

    @Test("an unknown standardization lists the valid one")
    func standardization() {
        let found = errors(yaml(replacing: 2, with: "standardization: z-score"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["2:18"])
        #expect(found.first?.message.contains("valid methods: index-to-mean") == true)
    }

    @Test("unknown keys, bad factor keys and duplicate keys are each reported")
    func keys() {
        var lines = Fixtures.modelYAML.components(separatedBy: "\n")
        lines[3] = "  - {key: c360_service_requests, label: Number of C360 service requests, wieght: 40}"
        lines[4] = "  - {key: Congressional, label: Number of congressional and Postal Customer Councils, weight: 30}"
        lines[5] = "  - {key: bsn_requests, label: Number of total possible deliveries, weight: 10}"
        let found = errors(lines.joined(separator: "\n"))
        let located = found.map { "\($0.line):\($0.column)" }
        #expect(located == ["4:5", "4:74", "5:11", "7:11"])
        #expect(found[0].message.contains("missing 'weight'"))
        #expect(found[1].message.contains("unknown key 'wieght'") && found[1].message.contains("valid keys: key, label, weight"))
        #expect(found[2].message.contains("lowercase letters"))
        #expect(found[3].message.contains("used twice"))
    }

    @Test("an exception code that no band awards is reported")
    func exceptionCode() {
        let found = errors(yaml(replacing: 14, with: "  - {districts: [Hawaii], retain: \"2370-0672\", in_lieu_of: \"2345-5035\"}"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["14:35"])
        #expect(found.first?.message.contains("use one of: 2345-5035, 2370-0671") == true)
    }

    @Test("a YAML syntax error is located")
    func syntax() {
        let found = errors(yaml(replacing: 9, with: "  - {min: 187.00, max: 203.00, earned: {\"2345-5035\": 4, \"2370-0671\": 1}"))
        #expect(found.count == 1)
        #expect(found.first?.line == 10)
        #expect(found.first?.message.hasPrefix("YAML syntax error") == true)
    }

    @Test("a key given twice in one mapping is reported")
    func duplicateKey() {
        let found = errors(Fixtures.modelYAML + "name: again\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("'name' appears more than once") == true)
        #expect(found.first?.line == 1)
    }

    @Test("an empty file and a missing key are reported")
    func emptyAndMissing() {
        #expect(errors("").map(\.message) == ["the file is empty; it should hold a staffing model (name, standardization, factors, bands)"])
        let found = errors(yaml(replacing: 1, with: "# no name"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["2:1"])
        #expect(found.first?.message == "the model is missing 'name'; add 'name: ...'")
    }

    @Test("several problems are all reported, sorted by line")
    func allErrors() {
        var lines = Fixtures.modelYAML.components(separatedBy: "\n")
        lines[6] = "  - {key: bsn_requests, label: Number of Business Service Network requests, weight: 25}"
        lines[10] = "  - {min: 102.00, max: 133.99, earned: {\"2345-5035\": 2, \"2370-0671\": 0}}"
        let found = errors(lines.joined(separator: "\n"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["3:1", "11:24"])
        #expect(found.allSatisfy { $0.description.hasPrefix("Content/data/test.model.yaml:") })
    }
}
