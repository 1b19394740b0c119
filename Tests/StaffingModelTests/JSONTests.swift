import Foundation
import Testing
@testable import StaffingModel

@Suite("JSON forms")
struct JSONTests {
    @Test("a district result encodes score as a 2-decimal string, band as min–max, indexes rounded")
    func districtResult() throws {
        let model = try Fixtures.model()
        let result = model.result(district: "Hawaii", counts: Fixtures.uniform(101_995), means: Fixtures.flatMeans)
        let json = try Staffing.json(result, pretty: false)
        #expect(json.contains(#""score":"102.00""#))
        #expect(json.contains(#""band":"102.00–134.99""#))
        #expect(json.contains(#""earned":{"2345-5035":1,"2370-0671":1}"#))
        #expect(json.contains(#""flags":["exception: retains 2370-0671 in lieu of one 2345-5035"]"#))
        #expect(json.contains(#""c360_service_requests":102"#))
        #expect(json.contains(#""district":"Hawaii""#))
    }

    @Test("below the minimum the band is null, not missing")
    func nullBand() throws {
        let result = try Fixtures.model().result(district: "Alaska", counts: Fixtures.uniform(1000), means: Fixtures.flatMeans)
        let json = try Staffing.json(result, pretty: false)
        #expect(json.contains(#""band":null"#))
        #expect(json.contains(#""score":"1.00""#))
    }

    @Test("the JSON form decodes back (indexes at display precision)")
    func roundTrip() throws {
        let model = try Fixtures.model()
        let results = model.compute(districts: DistrictCounts(
            columns: Fixtures.factorKeys,
            rows: [.init(district: "A", counts: Fixtures.uniform(1)), .init(district: "B", counts: Fixtures.uniform(2))]))
        let decoded = try JSONDecoder().decode([DistrictResult].self, from: Data(try Staffing.json(results).utf8))
        #expect(decoded.map(\.district) == ["A", "B"])
        #expect(decoded.map(\.score) == results.map(\.score))
        #expect(decoded.map(\.band) == results.map(\.band))
        #expect(decoded.map(\.earned) == results.map(\.earned))
        #expect(decoded.map(\.flags) == results.map(\.flags))
        #expect(decoded[0].indexes["bsn_requests"] == Fixtures.decimal("66.67"))
    }

    @Test("calculator parameters carry factors, bands, exceptions, rounding and means")
    func calculator() throws {
        let data = try StaffingData.load(files: StaffingDataTests.files)
        let parameters = try #require(data.parametersForCalculator["cr"])
        #expect(parameters.factors.map(\.weight) == [40, 30, 10, 20])
        #expect(parameters.bands.map(\.label) == ["187.00–203.00", "135.00–186.99", "102.00–134.99", "40.00–101.99"])
        #expect(parameters.bands.first?.earned == [Fixtures.crc: 4, Fixtures.crs: 1])
        #expect(parameters.exceptions.first?.districts == ["California", "Hawaii", "Puerto Rico"])
        #expect(parameters.rounding == .init(decimals: 2, mode: "half-up", appliedBefore: "band-lookup"))
        #expect(parameters.standardization.method == "index-to-mean")
        #expect(parameters.standardization.indexWhenMeanIsZero == 0)
        #expect(parameters.means?["bsn_requests"] == 150)
        #expect(parameters.meansAreIllustrative == true)
        #expect(CalculatorParameters(model: try Fixtures.model()).meansAreIllustrative == nil)
        let json = try Staffing.json(data.parametersForCalculator)
        #expect(json.contains(#""inLieuOf" : "2345-5035""#))
        #expect(json.contains(#""min" : 187"#))
        let decoded = try JSONDecoder().decode([String: CalculatorParameters].self, from: Data(json.utf8))
        #expect(decoded == data.parametersForCalculator)
    }
}
