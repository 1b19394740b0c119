import Foundation
import Testing
@testable import StaffingModel

@Suite("Band lookup")
struct BandTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var score: String
        var band: String?
        var crc: Int
        var crs: Int
        var flags: [String]
        var testDescription: String { score }
    }

    static let cases: [Case] = [
        Case(score: "39.99", band: nil, crc: 0, crs: 0, flags: ["below-minimum"]),
        Case(score: "39.994", band: nil, crc: 0, crs: 0, flags: ["below-minimum"]),
        Case(score: "39.995", band: "40.00–101.99", crc: 1, crs: 0, flags: []),
        Case(score: "40.00", band: "40.00–101.99", crc: 1, crs: 0, flags: []),
        Case(score: "101.99", band: "40.00–101.99", crc: 1, crs: 0, flags: []),
        Case(score: "101.994", band: "40.00–101.99", crc: 1, crs: 0, flags: []),
        Case(score: "101.995", band: "102.00–134.99", crc: 2, crs: 0, flags: []),
        Case(score: "102.00", band: "102.00–134.99", crc: 2, crs: 0, flags: []),
        Case(score: "134.99", band: "102.00–134.99", crc: 2, crs: 0, flags: []),
        Case(score: "135.00", band: "135.00–186.99", crc: 3, crs: 1, flags: []),
        Case(score: "186.99", band: "135.00–186.99", crc: 3, crs: 1, flags: []),
        Case(score: "187.00", band: "187.00–203.00", crc: 4, crs: 1, flags: []),
        Case(score: "203.00", band: "187.00–203.00", crc: 4, crs: 1, flags: []),
        Case(score: "203.004", band: "187.00–203.00", crc: 4, crs: 1, flags: []),
        Case(score: "203.01", band: "187.00–203.00", crc: 4, crs: 1, flags: ["above-maximum"]),
        Case(score: "250", band: "187.00–203.00", crc: 4, crs: 1, flags: ["above-maximum"]),
    ]

    @Test("rounded score → band, positions and flags at every edge", arguments: cases)
    func edges(_ item: Case) throws {
        let model = try Fixtures.model()
        let score = Staffing.roundedScore(Fixtures.decimal(item.score))
        let placement = model.placement(ofRoundedScore: score)
        switch placement {
        case .inBand(let band): #expect(band.range.label == item.band)
        case .aboveMaximum(let band):
            #expect(band.range.label == item.band)
            #expect(item.flags == ["above-maximum"])
        case .belowMinimum: #expect(item.band == nil)
        case .unbanded: Issue.record("a valid model left \(item.score) without a band")
        }
    }

    @Test("end to end: counts giving the edge score earn the right positions", arguments: cases)
    func endToEnd(_ item: Case) throws {
        let model = try Fixtures.model()
        // With every mean 100,000 and every count c, each index is c / 1000 and so is the score.
        let count = NSDecimalNumber(decimal: Fixtures.decimal(item.score) * 1000).intValue
        let result = model.result(district: "Ohio", counts: Fixtures.uniform(count), means: Fixtures.flatMeans)
        #expect(result.score == Staffing.roundedScore(Fixtures.decimal(item.score)))
        #expect(result.band?.label == item.band)
        #expect(result.earned == [Fixtures.crc: item.crc, Fixtures.crs: item.crs])
        #expect(result.flags == item.flags)
    }

    @Test("a below-minimum district still lists every code, at 0")
    func belowMinimumEarnsNothing() throws {
        let result = try Fixtures.model().result(district: "Alaska", counts: Fixtures.uniform(0), means: Fixtures.flatMeans)
        #expect(result.score == 0)
        #expect(result.band == nil)
        #expect(result.earned == [Fixtures.crc: 0, Fixtures.crs: 0])
        #expect(result.flags == [Staffing.belowMinimumFlag])
    }

    @Test("a score in a gap of an unvalidated model gets no band and no flag")
    func gapInUnvalidatedModel() {
        let model = WorkloadModel(
            name: "gappy", factors: [WorkloadFactor(key: "a", label: "A", weight: 100)],
            bands: [ScoreBand(min: 50, max: 60, earned: ["1111-1111": 2]), ScoreBand(min: 10, max: 20, earned: ["1111-1111": 1])])
        #expect(model.placement(ofRoundedScore: 30) == .unbanded)
        #expect(model.placement(ofRoundedScore: 9) == .belowMinimum)
        let result = model.result(district: "x", counts: ["a": 30], means: ["a": 100])
        #expect(result.band == nil)
        #expect(result.flags.isEmpty)
        #expect(result.earned == ["1111-1111": 0])
    }
}
