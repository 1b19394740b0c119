import Foundation
import Testing
@testable import StaffingModel

/// Checks the data files shipped in Content/data (read from disk here; the module itself never reads files).
@Suite("Shipped Content/data files")
struct ContentDataTests {
    func load() throws -> StaffingData {
        let directory = Fixtures.repositoryRoot.appendingPathComponent("Content/data")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var files: [String: String] = [:]
        for name in names {
            files[name] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return try StaffingData.load(files: files)
    }

    @Test("all files load without errors")
    func loads() throws {
        let data = try load()
        #expect(data.models.keys.sorted() == ["customer-relations-2022"])
        #expect(data.districtSets.keys.sorted() == ["customer-relations-2022"])
        #expect(data.complements.keys.sorted() == ["customer-relations-2022"])
        #expect(data.ratios.keys.sorted() == ["care-centers-2019"])
    }

    @Test("the complement matches the letter: 117 → 127 (+10)")
    func complement() throws {
        let table = try load().table(named: "complement", parameters: ["complement": "customer-relations-2022"], catalog: Fixtures.catalog)
        #expect(table.rows.map { $0.map(\.text) } == [
            ["Customer Relations Coordinator EAS-17 (2345-5035)", "100", "107", "+7"],
            ["Customer Relations Specialist EAS-19 (2370-0671)", "17", "20", "+3"],
        ])
        #expect(table.footer.map { $0.map(\.text) } == [["Total", "117", "127", "+10"]])
    }

    @Test("the illustrative districts exercise every band, both flags and the exception")
    func districts() throws {
        let data = try load()
        let model = try #require(data.models["customer-relations-2022"])
        let districts = try #require(data.districtSets["customer-relations-2022"])
        #expect(districts.isIllustrative)
        #expect(districts.rows.count == 12)
        let results = Dictionary(uniqueKeysWithValues: model.compute(districts: districts).map { ($0.district, $0) })
        // Expected values computed independently (Python decimal, ROUND_HALF_UP).
        #expect(results["Texas"]?.score == Fixtures.decimal("212.55"))
        #expect(results["Texas"]?.flags == ["above-maximum"])
        #expect(results["California"]?.score == Fixtures.decimal("187.78"))
        #expect(results["California"]?.earned == [Fixtures.crc: 4, Fixtures.crs: 1])
        #expect(results["Puerto Rico"]?.score == Fixtures.decimal("118.26"))
        #expect(results["Puerto Rico"]?.earned == [Fixtures.crc: 1, Fixtures.crs: 1])
        #expect(results["Hawaii"]?.score == Fixtures.decimal("53.26"))
        #expect(results["Hawaii"]?.earned == [Fixtures.crc: 0, Fixtures.crs: 1])
        #expect(results["Alaska"]?.flags == ["below-minimum"])
        #expect(results["Illinois"]?.score == Fixtures.decimal("107.00"))
        let bands = Set(results.values.compactMap(\.band?.label))
        #expect(bands == ["187.00–203.00", "135.00–186.99", "102.00–134.99", "40.00–101.99"])
        let table = try data.table(
            named: "districts", parameters: ["model": "customer-relations-2022", "districts": "customer-relations-2022"],
            catalog: Fixtures.catalog)
        #expect(table.isIllustrative)
        #expect(table.notes.first?.hasPrefix("Figures are illustrative") == true)
    }

    @Test("the Care Center table is illustrative and totals add up")
    func ratio() throws {
        let table = try load().table(named: "ratio", parameters: ["ratio": "care-centers-2019"], catalog: Fixtures.catalog)
        #expect(table.isIllustrative)
        #expect(table.rows.first?.map(\.text) == ["Care Center A", "400", "20", "22", "+2", "1"])
        #expect(table.footer.first?.map(\.text) == ["Total", "1,228", "62", "67", "+5", "5"])
    }
}
