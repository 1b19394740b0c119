import Foundation
import PropertyBased
import StaffingModel
import Testing
@testable import PortalCharts

@Suite struct ScoreFindingsTests {
    let d = ChartFixtures.decimal

    @Test func edgesAreEveryBandMinimumAndTheTopMaximum() throws {
        #expect(ScoreFindings.edges(of: try ChartFixtures.model(ChartFixtures.model2022)) == [40, 102, 135, 187, 203])
        #expect(ScoreFindings.edges(of: try ChartFixtures.model(ChartFixtures.variant)) == [50, 90, 150, 260])
    }

    @Test func namesTheDistrictNearestAnEdgeAndThoseWithinTwoPoints() throws {
        let model = try ChartFixtures.model(ChartFixtures.model2022)
        let results = ChartFixtures.results(model, [
            ("Texas", d("212.55")), ("Ohio", d("100.50")), ("Georgia", d("136.10")), ("Vermont", d("28.44")),
            ("Hawaii", d("53.26")), ("Maine", d("205")),
        ])
        let findings = ScoreFindings(model: model, results: results)
        #expect(findings.nearestToEdge.map(\.district) == ["Georgia"])
        #expect(findings.nearestToEdge.first?.offset == d("1.1"))
        #expect(findings.nearEdge.map(\.district) == ["Ohio", "Georgia", "Maine"])
        #expect(findings.exceptions.map(\.district) == ["Hawaii"])
        #expect(ScoreFindings.position(of: findings.placements[1]) == "1.50 below 102")
        #expect(findings.summary.contains("Nearest a band edge: Georgia (136.10, 1.10 above 135)."))
        #expect(findings.summary.contains("Near the edge (within 2 points): Ohio, Georgia and Maine."))
        #expect(findings.summary.contains("Exceptions: Hawaii."))
        #expect(findings.summary.contains("band edges 40, 102, 135, 187 and 203"))
    }

    @Test func aScoreOnAnEdgeOrExactlyTwoAwayIsNearIt() throws {
        let model = try ChartFixtures.model(ChartFixtures.model2022)
        let findings = ScoreFindings(model: model, results: ChartFixtures.results(model, [
            ("A", d("102")), ("B", d("137")), ("C", d("137.01")),
        ]))
        #expect(findings.nearEdge.map(\.district) == ["A", "B"])
        #expect(ScoreFindings.position(of: findings.placements[0]) == "on 102")
    }

    @Test func aTieNamesEveryDistrictAsNearest() throws {
        let model = try ChartFixtures.model(ChartFixtures.variant)
        let findings = ScoreFindings(model: model, results: ChartFixtures.results(model, [
            ("North", d("88")), ("South", d("152")), ("East", d("120")),
        ]))
        #expect(findings.nearestToEdge.map(\.district) == ["North", "South"])
        #expect(findings.summary.contains("Nearest a band edge: North (88.00, 2.00 below 90) and South (152.00, 2.00 above 150)."))
        #expect(findings.summary.contains("band edges 50, 90, 150 and 260"))
    }

    @Test func withoutNearDistrictsTheSummarySaysSo() throws {
        let model = try ChartFixtures.model(ChartFixtures.variant)
        let findings = ScoreFindings(model: model, results: ChartFixtures.results(model, [("Nevada", d("120"))]))
        #expect(findings.summary.contains("No district is within 2 points of a band edge."))
        #expect(findings.summary.contains("Exceptions: Nevada."))
    }

    /// The findings agree with a brute-force reading of the same scores, for any scores and margin.
    @Test func findingsAgreeWithBruteForce() async throws {
        let model = try ChartFixtures.model(ChartFixtures.variant)
        await propertyCheck(count: 200, input: Gen.int(in: 0...30_000).array(of: 1...12), Gen.int(in: 0...500)) { cents, marginCents in
            let scores = cents.enumerated().map { ("D\($0.offset)", Decimal($0.element) / 100) }
            let margin = Decimal(marginCents) / 100
            let findings = ScoreFindings(model: model, results: ChartFixtures.results(model, scores), margin: margin)
            let edges: [Decimal] = [50, 90, 150, 260]
            let distances = scores.map { _, score in edges.map { abs(score - $0) }.min()! }
            let best = distances.min()!
            #expect(findings.nearestToEdge.map(\.district) == scores.indices.filter { distances[$0] == best }.map { scores[$0].0 })
            #expect(findings.nearEdge.map(\.district) == scores.indices.filter { distances[$0] <= margin }.map { scores[$0].0 })
            for placement in findings.placements {
                #expect(edges.contains(placement.nearestEdge))
                #expect(placement.score - placement.nearestEdge == placement.offset)
            }
        }
    }
}

@Suite struct ScoreScaleTests {
    /// The rule `band-scale.js` repeats: 0 to the larger of the top edge and the highest score, plus 5 %, up to tens.
    @Test func theAxisHoldsTheTopEdgeAndEveryScore() {
        #expect(ScoreScale(highestEdge: 203, highestScore: Decimal(string: "212.55"), left: 0, right: 1).maximum == 230)
        #expect(ScoreScale(highestEdge: 203, highestScore: nil, left: 0, right: 1).maximum == 220)
        #expect(ScoreScale(highestEdge: 260, highestScore: 10, left: 0, right: 1).maximum == 280)
        #expect(ScoreScale(highestEdge: 0, highestScore: nil, left: 0, right: 1).maximum == 10)
    }

    @Test func scoresMapOntoTheAxisAndClampAtItsEnds() {
        let scale = ScoreScale(highestEdge: 190, highestScore: nil, left: 8, right: 208)
        #expect(scale.maximum == 200)
        #expect(scale.x(Decimal(100)) == 108)
        #expect(scale.x(Decimal(0)) == 8)
        #expect(scale.x(Decimal(500)) == 208)
    }
}
