import Foundation
import PropertyBased
import Testing
@testable import StaffingModel

@Suite("Properties")
struct PropertyTests {
    @Test("a score never drops when one factor's count rises (others and means fixed)")
    func monotonic() async throws {
        let model = try Fixtures.model()
        await propertyCheck(
            count: 300,
            input: Gen.int(in: 0...2_000_000).array(of: 4), Gen.int(in: 1...2_000_000).array(of: 4),
            Gen.int(in: 0...3), Gen.int(in: 1...500_000)
        ) { counts, meanValues, factor, rise in
            let keys = Fixtures.factorKeys
            let means = Dictionary(uniqueKeysWithValues: zip(keys, meanValues.map { Decimal($0) }))
            let before = Dictionary(uniqueKeysWithValues: zip(keys, counts))
            var after = before
            after[keys[factor], default: 0] += rise
            let low = model.result(district: "X", counts: before, means: means)
            let high = model.result(district: "X", counts: after, means: means)
            #expect(low.score <= high.score)
            #expect(low.earned[Fixtures.crc, default: 0] <= high.earned[Fixtures.crc, default: 0])
        }
    }

    @Test("every 0.01 step from 40.00 to 203.00 falls in exactly one band")
    func partitionExhaustive() throws {
        let model = try Fixtures.model()
        for cents in 4000...20300 {
            let score = Decimal(cents) / 100
            let containing = model.bands.filter { $0.range.contains(score) }
            #expect(containing.count == 1, "score \(score) is in \(containing.count) bands")
            if case .inBand = model.placement(ofRoundedScore: score) {} else {
                Issue.record("score \(score) was not placed in a band")
            }
        }
    }

    @Test("random scores: inside the range exactly one band; outside, none (and the right flag)")
    func partitionRandom() async throws {
        let model = try Fixtures.model()
        await propertyCheck(count: 500, input: Gen.int(in: 0...30_000)) { cents in
            let score = Decimal(cents) / 100
            let containing = model.bands.filter { $0.range.contains(score) }
            switch cents {
            case 4000...20300: #expect(containing.count == 1)
            case ..<4000: #expect(containing.isEmpty && model.placement(ofRoundedScore: score) == .belowMinimum)
            default:
                #expect(containing.isEmpty)
                #expect(model.placement(ofRoundedScore: score) == .aboveMaximum(model.bands[0]))
            }
        }
    }

    @Test("rounding is half-up at the third decimal")
    func halfUp() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...30_000), Gen.int(in: 0...9)) { cents, thousandth in
            let value = Decimal(cents) / 100 + Decimal(thousandth) / 1000
            let expected = Decimal(cents + (thousandth >= 5 ? 1 : 0)) / 100
            #expect(Staffing.roundedScore(value) == expected)
        }
    }

    @Test("the mean district scores 100")
    func meanScoresHundred() async {
        await propertyCheck(count: 100, input: Gen.int(in: 1...1_000_000).array(of: 4)) { counts in
            let model = try Fixtures.model()
            let keys = Fixtures.factorKeys
            let row = Dictionary(uniqueKeysWithValues: zip(keys, counts))
            let means = row.mapValues { Decimal($0) }
            #expect(model.result(district: "M", counts: row, means: means).score == 100)
        }
    }
}
