import Foundation
import Testing
@testable import StaffingModel

@Suite("California, Hawaii and Puerto Rico exception")
struct ExceptionTests {
    /// Scores one district whose every index (and so its score) is `score`.
    func result(_ district: String, score: Int) throws -> DistrictResult {
        try Fixtures.model().result(district: district, counts: Fixtures.uniform(score * 1000), means: Fixtures.flatMeans)
    }

    @Test("a listed district earning 1 CRC and no CRS gets 0 CRC and 1 CRS")
    func oneCoordinator() throws {
        let hawaii = try result("Hawaii", score: 60)
        #expect(hawaii.earned == [Fixtures.crc: 0, Fixtures.crs: 1])
        #expect(hawaii.flags == ["exception: retains 2370-0671 in lieu of one 2345-5035"])
    }

    @Test("a listed district earning 2 CRC and no CRS gets 1 CRC and 1 CRS")
    func twoCoordinators() throws {
        let puertoRico = try result("Puerto Rico", score: 110)
        #expect(puertoRico.earned == [Fixtures.crc: 1, Fixtures.crs: 1])
        #expect(puertoRico.flags == ["exception: retains 2370-0671 in lieu of one 2345-5035"])
    }

    @Test("a listed district earning 3 CRC and 1 CRS is unchanged")
    func alreadyHasSpecialist() throws {
        let california = try result("California", score: 150)
        #expect(california.earned == [Fixtures.crc: 3, Fixtures.crs: 1])
        #expect(california.flags.isEmpty)
    }

    @Test("an unlisted district earning 1 CRC keeps it")
    func unlisted() throws {
        let ohio = try result("Ohio", score: 60)
        #expect(ohio.earned == [Fixtures.crc: 1, Fixtures.crs: 0])
        #expect(ohio.flags.isEmpty)
    }

    @Test("a listed district below the minimum gets 1 CRS and nothing to trade (rule applied literally)")
    func belowMinimum() throws {
        let hawaii = try result("Hawaii", score: 10)
        #expect(hawaii.earned == [Fixtures.crc: 0, Fixtures.crs: 1])
        #expect(hawaii.flags == ["below-minimum", "exception: retains 2370-0671"])
    }

    @Test("district names match ignoring case and surrounding spaces")
    func nameMatching() {
        let rule = BandException(districts: ["Puerto Rico"], retain: Fixtures.crs, inLieuOf: Fixtures.crc)
        #expect(rule.applies(to: " puerto rico "))
        #expect(!rule.applies(to: "Puerto"))
    }
}
