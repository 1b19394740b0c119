import Foundation
import Testing
@testable import StaffingModel

@Suite("Workload score")
struct ScoreTests {
    @Test("index is count / mean × 100, so the mean scores 100")
    func indexAgainstMean() {
        #expect(Staffing.index(count: 150, mean: 100) == 150)
        #expect(Staffing.index(count: 50, mean: 200) == 25)
        #expect(Staffing.index(count: 7, mean: 7) == 100)
    }

    @Test("a factor whose mean is 0 gives every district index 0")
    func zeroMean() throws {
        let model = try Fixtures.model()
        var counts = Fixtures.uniform(0)
        counts["c360_service_requests"] = 100
        let districts = DistrictCounts(
            columns: Fixtures.factorKeys,
            rows: [
                .init(district: "A", counts: counts),
                .init(district: "B", counts: Fixtures.uniform(0).merging(["c360_service_requests": 300]) { $1 }),
            ])
        let results = model.compute(districts: districts)
        // c360 mean is 200: A = 50, B = 150; the other factors have mean 0 → index 0.
        #expect(results[0].indexes["c360_service_requests"] == 50)
        #expect(results[0].indexes["bsn_requests"] == 0)
        #expect(results[0].score == 20)
        #expect(results[1].score == 60)
    }

    @Test("score is the weighted sum of indexes: 40/30/10/20")
    func weightedSum() throws {
        let model = try Fixtures.model()
        let indexes: [String: Decimal] = [
            "c360_service_requests": 200, "congressional_and_pcc": 100, "possible_deliveries": 50, "bsn_requests": 0,
        ]
        // 0.4 × 200 + 0.3 × 100 + 0.1 × 50 + 0.2 × 0 = 80 + 30 + 5 = 115
        #expect(Staffing.unroundedScore(indexes: indexes, factors: model.factors) == 115)
    }

    @Test("means are taken over all districts, and explicit means override them")
    func meansOverAllDistricts() throws {
        let model = try Fixtures.model()
        let districts = DistrictCounts(
            columns: Fixtures.factorKeys,
            rows: [.init(district: "A", counts: Fixtures.uniform(100)), .init(district: "B", counts: Fixtures.uniform(300))])
        let computed = model.compute(districts: districts)
        #expect(computed.map(\.score) == [50, 150])
        let whatIf = model.compute(districts: districts, means: Fixtures.flatMeans.mapValues { _ in Decimal(100) })
        #expect(whatIf.map(\.score) == [100, 300])
        let partly = model.means(of: districts, overriding: ["bsn_requests": 1])
        #expect(partly["bsn_requests"] == 1)
        #expect(partly["c360_service_requests"] == 200)
    }

    @Test("scores round half-up to 2 decimals", arguments: [
        ("101.994", "101.99"), ("101.995", "102"), ("39.995", "40"), ("39.994", "39.99"),
        ("186.994999", "186.99"), ("203.005", "203.01"), ("203.004", "203"), ("0.005", "0.01"),
    ])
    func rounding(input: String, expected: String) {
        #expect(Staffing.roundedScore(Fixtures.decimal(input)) == Fixtures.decimal(expected))
    }

    @Test("score text always has 2 decimals")
    func scoreText() {
        #expect(Staffing.scoreText(102) == "102.00")
        #expect(Staffing.scoreText(Fixtures.decimal("101.9")) == "101.90")
        #expect(Staffing.scoreText(Fixtures.decimal("101.995")) == "102.00")
        #expect(Staffing.scoreText(0) == "0.00")
    }

    @Test("a count missing from a row counts as 0")
    func missingCount() throws {
        let model = try Fixtures.model()
        let result = model.result(district: "X", counts: ["c360_service_requests": 100_000], means: Fixtures.flatMeans)
        #expect(result.indexes["bsn_requests"] == 0)
        #expect(result.score == 40)
    }
}
