import Foundation
import Testing
@testable import StaffingModel

@Suite("Loading data and building block tables")
struct StaffingDataTests {
    static let csv = """
        district,c360_service_requests,congressional_and_pcc,possible_deliveries,bsn_requests
        Big,300,300,300,300
        Hawaii,100,100,100,100
        Small,0,0,0,0
        Puerto Rico,200,200,200,200

        """

    static let files: [String: String] = [
        "cr.model.yaml": Fixtures.modelYAML,
        "cr.districts.csv": csv,
        "cr.districts.yaml": "illustrative: true\nnote: Made up.\n",
        "cr.complement.yaml": ComplementTests.yaml,
        "cc.ratio.yaml": RatioTests.yaml,
        "README.md": "ignored",
    ]

    func data() throws -> StaffingData { try StaffingData.load(files: Self.files) }

    func blockError(_ body: () throws(StaffingBlockError) -> StaffingTable) -> StaffingBlockError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("load keys everything by stem and attaches the sidecar")
    func load() throws {
        let data = try data()
        #expect(data.models.keys.sorted() == ["cr"])
        #expect(data.districtSets["cr"]?.isIllustrative == true)
        #expect(data.districtSets["cr"]?.info.note == "Made up.")
        #expect(data.complements["cr"]?.totalProposed == 127)
        #expect(data.ratios["cc"]?.careCenters.count == 2)
    }

    @Test("load reports every file's errors with the display prefix")
    func loadErrors() {
        var files = Self.files
        files["cr.model.yaml"] = Fixtures.modelYAML.replacingOccurrences(of: "weight: 20", with: "weight: 21")
        files["cr.districts.csv"] = Self.csv.replacingOccurrences(of: "Small,0", with: "Small,x")
        files["orphan.districts.yaml"] = "illustrative: true\n"
        files["typo.modle.yaml"] = "name: x\n"
        do {
            _ = try StaffingData.load(files: files, displayPrefix: "data/")
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.map { "\($0.path):\($0.line):\($0.column)" } == [
                "data/cr.districts.csv:4:7", "data/cr.model.yaml:3:1", "data/orphan.districts.yaml:1:1",
                "data/typo.modle.yaml:1:1",
            ])
            #expect(error.description.components(separatedBy: "\n").count == 4)
        }
    }

    @Test("load checks a districts CSV against the model with the same stem")
    func crossCheck() {
        var files = Self.files
        files["cr.districts.csv"] = "district,c360_service_requests\nA,1\n"
        let found = Fixtures.errors { () throws(StaffingErrors) in _ = try StaffingData.load(files: files) }
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.path == "Content/data/cr.districts.csv" && $0.line == 1 && $0.column == 31 })
    }

    @Test("factors block: labels, weights, total and the assumption in plain words")
    func factors() throws {
        let table = try data().table(named: "factors", parameters: ["model": "cr"], catalog: Fixtures.catalog)
        #expect(table.columns.map(\.header) == ["Factor", "Weight (%)"])
        #expect(table.rows.map { $0.map(\.text) } == [
            ["Number of C360 service requests", "40"],
            ["Number of congressional and Postal Customer Councils", "30"],
            ["Number of total possible deliveries", "10"],
            ["Number of Business Service Network requests", "20"],
        ])
        #expect(table.footer.map { $0.map(\.text) } == [["Total", "100"]])
        #expect(table.notes == [
            "The letter does not say how raw counts become a standardized score. This portal assumes each factor is expressed as an index against the mean over all districts (mean = 100), and the score is the weighted sum of the indexes.",
        ])
    }

    @Test("bands block: bounds and earned columns named from the catalog")
    func bands() throws {
        let table = try data().table(named: "bands", parameters: ["model": "cr"], catalog: Fixtures.catalog)
        #expect(table.columns.map(\.header) == [
            "Minimum score", "Maximum score", "Customer Relations Coordinator EAS-17 (2345-5035) earned",
            "Customer Relations Specialist EAS-19 (2370-0671) earned",
        ])
        #expect(table.rows.map { $0.map(\.text) } == [
            ["187.00", "203.00", "4", "1"], ["135.00", "186.99", "3", "1"], ["102.00", "134.99", "2", "0"],
            ["40.00", "101.99", "1", "0"],
        ])
        #expect(table.notes.contains("Scores are rounded half-up to 2 decimals before the band lookup."))
        #expect(table.notes.contains(
            "Exception for California, Hawaii and Puerto Rico: a district that earns no Customer Relations Specialist EAS-19 (2370-0671) keeps one in lieu of one Customer Relations Coordinator EAS-17 (2345-5035)."))
    }

    @Test("districts block: indexes, score, band, earned after exceptions, flags, illustrative note")
    func districts() throws {
        let table = try data().table(named: "districts", parameters: ["model": "cr", "districts": "cr"], catalog: Fixtures.catalog)
        #expect(table.isIllustrative)
        #expect(table.notes.first == "Figures are illustrative, not actual district data. Made up.")
        #expect(table.columns.count == 1 + 4 + 2 + 2 + 1)
        // Means are 150 for every factor: Big 200, Hawaii 66.67, Small 0, Puerto Rico 133.33.
        #expect(table.rows.map { $0.map(\.text) } == [
            ["Big", "200.00", "200.00", "200.00", "200.00", "200.00", "187.00–203.00", "4", "1", "none"],
            ["Hawaii", "66.67", "66.67", "66.67", "66.67", "66.67", "40.00–101.99", "0", "1",
             "exception: retains 2370-0671 in lieu of one 2345-5035"],
            ["Small", "0.00", "0.00", "0.00", "0.00", "0.00", "none", "0", "0", "below-minimum"],
            ["Puerto Rico", "133.33", "133.33", "133.33", "133.33", "133.33", "102.00–134.99", "1", "1",
             "exception: retains 2370-0671 in lieu of one 2345-5035"],
        ])
        #expect(table.footer.map { $0.map(\.text) } == [["Total", "", "", "", "", "", "", "5", "3", ""]])
        #expect(table.notes.contains { $0.hasPrefix("below-minimum: the score is below 40.00") })
        #expect(!table.notes.contains { $0.hasPrefix("above-maximum") })
        #expect(table.notes.contains(
            "exception: in California, Hawaii and Puerto Rico, a district that earns no Customer Relations Specialist EAS-19 (2370-0671) keeps one in lieu of one Customer Relations Coordinator EAS-17 (2345-5035)."))
    }

    @Test("ratio and complement blocks resolve their stems")
    func otherBlocks() throws {
        let data = try data()
        #expect(try data.table(named: "ratio", parameters: ["ratio": "cc"], catalog: Fixtures.catalog).rows.count == 2)
        let complement = try data.table(named: "complement", parameters: ["complement": "cr", "codes": "2370-0671"], catalog: Fixtures.catalog)
        #expect(complement.rows.map { $0[0].text } == ["Customer Relations Specialist EAS-19 (2370-0671)"])
    }

    @Test("unknown block, unknown or missing parameter, unknown stem: messages list the valid choices")
    func blockErrors() throws {
        let data = try data()
        let catalog = Fixtures.catalog
        #expect(blockError { () throws(StaffingBlockError) in try data.table(named: "chart", parameters: [:], catalog: catalog) }?.message
            == "unknown staffing block 'chart'; valid blocks: bands, complement, districts, factors, ratio")
        #expect(blockError { () throws(StaffingBlockError) in try data.table(named: "bands", parameters: ["model": "cr", "modle": "x"], catalog: catalog) }?.message
            == "unknown parameter 'modle' for staffing bands; valid parameters: model")
        #expect(blockError { () throws(StaffingBlockError) in try data.table(named: "districts", parameters: ["model": "cr"], catalog: catalog) }?.message
            == "staffing districts needs districts=STEM; valid choices: cr (each is a STEM.districts.csv file in the data directory)")
        #expect(blockError { () throws(StaffingBlockError) in try data.table(named: "factors", parameters: ["model": "cr-2023"], catalog: catalog) }?.message
            == "no staffing model named 'cr-2023'; valid choices: cr (each is a STEM.model.yaml file in the data directory)")
        #expect(blockError { () throws(StaffingBlockError) in try data.table(named: "complement", parameters: ["complement": "cr", "codes": "1234-5678"], catalog: catalog) }?.message
            == "code 1234-5678 is not in the complement 'Customer Relations complement'; valid codes: 2345-5035, 2370-0671")
        #expect(blockError { () throws(StaffingBlockError) in try data.table(named: "bands", parameters: ["model": "cr"], catalog: [:]) }?.message
            .contains("2345-5035 is not in the position catalog") == true)
    }

    @Test("info strings: errors point at the offending word's column")
    func infoString() throws {
        let data = try data()
        let catalog = Fixtures.catalog
        #expect(try data.table(infoString: "staffing factors model=cr", catalog: catalog).rows.count == 4)
        let unknownStem = blockError { () throws(StaffingBlockError) in try data.table(infoString: "staffing  bands model=nope", catalog: catalog) }
        #expect(unknownStem?.column == 17)
        #expect(unknownStem?.parameter == "model")
        let unknownName = blockError { () throws(StaffingBlockError) in try data.table(infoString: "staffing chart model=cr", catalog: catalog) }
        #expect(unknownName?.column == 10)
        let badCodes = blockError { () throws(StaffingBlockError) in try data.table(infoString: "staffing complement complement=cr codes=9999-9999", catalog: catalog) }
        #expect(badCodes?.column == 35)
        let notParameter = blockError { () throws(StaffingBlockError) in try data.table(infoString: "staffing bands model", catalog: catalog) }
        #expect(notParameter?.column == 16)
        let twice = blockError { () throws(StaffingBlockError) in try data.table(infoString: "staffing bands model=cr model=cr", catalog: catalog) }
        #expect(twice?.column == 25)
        #expect(twice?.message == "parameter 'model' is given twice; keep one")
        let request = try StaffingBlockRequest.parse(infoString: "staffing districts model=a\tdistricts=b")
        #expect(request == StaffingBlockRequest(
            name: "districts", parameters: ["model": "a", "districts": "b"], nameColumn: 10,
            parameterColumns: ["model": 20, "districts": 28]))
    }

    @Test("districts whose columns do not fit the chosen model are a block error naming the CSV")
    func mismatchedDistricts() throws {
        var data = try data()
        data.models["other"] = WorkloadModel(
            name: "other", factors: [WorkloadFactor(key: "a", label: "A", weight: 100)],
            bands: [ScoreBand(min: 0, max: 10, earned: [Fixtures.crc: 1])])
        let error = blockError { () throws(StaffingBlockError) in
            try data.table(named: "districts", parameters: ["model": "other", "districts": "cr"], catalog: Fixtures.catalog)
        }
        #expect(error?.message.contains("Content/data/cr.districts.csv:1:10: unknown factor column 'c360_service_requests'") == true)
    }
}
