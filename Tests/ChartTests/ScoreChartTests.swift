import Foundation
import StaffingModel
import Testing
@testable import PortalCharts

@Suite struct ScoreChartTests {
    let d = ChartFixtures.decimal

    func chart(_ yaml: String, _ scores: [(String, Decimal)]) throws -> (ScoreChart, ParsedXML.Node) {
        let model = try ChartFixtures.model(yaml)
        let chart = ScoreChart(title: "T", model: model, results: ChartFixtures.results(model, scores), catalog: ChartFixtures.catalog)
        let root = try #require(ParsedXML.parse(chart.svg), "the SVG is not well-formed XML")
        return (chart, root)
    }

    @Test func drawsEachDistrictWithItsScoreAndPositions() throws {
        let (_, root) = try chart(ChartFixtures.model2022, [
            ("Texas", d("212.55")), ("California", d("187.78")), ("Ohio", d("77.35")), ("Vermont", d("28.44")),
        ])
        #expect(root.name == "svg")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 \(ChartNumber.coordinate(ChartStyle.width)) ") == true)
        #expect(root.attributes["role"] == "img")
        let labels = root.classed("district-label").map(\.text)
        #expect(labels == [
            "Texas: 212.55 · 4 CRC + 1 CRS", "California: 187.78 · 4 CRC + 1 CRS", "Ohio: 77.35 · 1 CRC",
            "Vermont: 28.44 · no positions",
        ])
        let marks = root.classed("district-marks").map(\.text)
        #expect(marks == ["exception · near the edge: 0.78 above 187"])
        let legend = root.classed("legend").first?.allText ?? ""
        #expect(legend.contains("Band 187.00–203.00: 4 CRC + 1 CRS"))
        // The key is wrapped to the chart's width: the code goes on a line of its own here.
        #expect(root.classed("legend").first!.all("text").map(\.text).suffix(2) == [
            "CRC: Customer Relations Coordinator (2345-5035)", "CRS: Customer Relations Specialist (District)", "(2370-0671)",
        ].suffix(2))
    }

    @Test func barsAreProportionalToScoresAndEdgeLinesSitAtTheirLabels() throws {
        let scores = [("A", d("212.55")), ("B", d("100")), ("C", d("55.5")), ("D", d("149.99"))]
        let (_, root) = try chart(ChartFixtures.variant, scores)
        let bars = root.classed("district").compactMap { $0.all("rect").first }
        #expect(bars.count == 4)
        let perPoint = bars[0].number("width") / 212.55
        for (bar, (_, score)) in zip(bars, scores) {
            let expected = NSDecimalNumber(decimal: score).doubleValue * perPoint
            #expect(abs(bar.number("width") - expected) < 0.02, "bar of \(score) is \(bar.number("width")) wide")
            #expect(bar.number("x") == 8)
        }
        let labels = root.classed("edge-label")
        #expect(labels.map(\.text) == ["50", "90", "150", "260"])
        for label in labels {
            let x = label.number("x")
            #expect(abs((x - 8) / perPoint - Double(label.text)!) < 0.02)
            #expect(root.classed("edges").first!.all("line").contains { $0.number("x1") == x })
        }
        // The axis holds the top edge: 260 × 1.05, rounded up to a multiple of 10.
        #expect(abs((ChartStyle.width - 16) / perPoint - 280) < 0.05)
    }

    @Test func marksExceptionsAndNearEdgeDistrictsWithPatternsAndWordsNotColourAlone() throws {
        let (chart, root) = try chart(ChartFixtures.variant, [("Nevada", d("91")), ("Utah", d("120")), ("Idaho", d("149"))])
        let districts = root.classed("district")
        #expect(districts[0].all("rect").first?.attributes["fill"] == "url(#stripes)")
        #expect(districts[1].all("rect").first?.attributes["fill"] != "url(#stripes)")
        #expect(districts.map { $0.all("circle").count } == [1, 0, 1])
        #expect(root.classed("district-marks").map(\.text) == ["exception · near the edge: 1.00 above 90", "near the edge: 1.00 below 150"])
        #expect(chart.alternative.contains("Nearest a band edge: Nevada (91.00, 1.00 above 90) and Idaho (149.00, 1.00 below 150)."))
        #expect(root.all("desc").first?.text == chart.alternative)
    }

    @Test func closeEdgeLabelsMoveToASecondRow() throws {
        let yaml = ChartFixtures.variant.replacingOccurrences(of: "min: 150.00, max: 260.00", with: "min: 150.00, max: 153.00")
        let (_, root) = try chart(yaml, [("A", d("100"))])
        let ys = root.classed("edge-label").map { $0.number("y") }
        #expect(ys[2] != ys[3])
    }

    @Test func oddNamesStayEscapedAndTheOutputIsTheSameEveryTime() throws {
        let scores = [("<Tex&as> \"North\"", d("212.55")), ("Ohio", d("77.35"))]
        let (chart, root) = try chart(ChartFixtures.model2022, scores)
        // Wrapped to the chart's width: the label's lines together.
        let lines = root.classed("district").first?.classed("district-label").map(\.text) ?? []
        #expect(lines.joined(separator: " ") == "<Tex&as> \"North\": 212.55 · 4 CRC + 1 CRS")
        #expect(lines.count == 2)
        let (again, _) = try self.chart(ChartFixtures.model2022, scores)
        #expect(chart.svg == again.svg)
        let (changed, _) = try self.chart(ChartFixtures.model2022, [("<Tex&as> \"North\"", d("212.56")), ("Ohio", d("77.35"))])
        #expect(changed.svg != chart.svg)
    }

    @Test func anEmptySetDrawsTheBandsAndSaysThereAreNoDistricts() throws {
        let (chart, root) = try chart(ChartFixtures.model2022, [])
        #expect(root.classed("district").isEmpty)
        #expect(root.classed("edge-label").count == 5)
        #expect(chart.alternative == "Workload scores of 0 districts against the band edges 40, 102, 135, 187 and 203.")
    }
}

@Suite struct ComplementChartTests {
    let complement = PositionComplement(name: "Complement 2022", positions: [
        .init(code: ChartFixtures.crc, current: 100, proposed: 107), .init(code: ChartFixtures.crs, current: 17, proposed: 20),
    ])

    @Test func showsEachPositionAndTheTotalWithTheirDifferences() throws {
        let chart = ComplementChart(title: "Complement 2022", complement: complement, catalog: ChartFixtures.catalog)
        #expect(chart.rows.map(\.difference) == [7, 3, 10])
        #expect(chart.alternative.contains("Customer Relations Coordinator EAS-17 (2345-5035): 100 to 107 (+7)"))
        #expect(chart.alternative.contains("Customer Relations Specialist (District) EAS-19 (2370-0671): 17 to 20 (+3)"))
        #expect(chart.alternative.contains("Total: 117 to 127 (+10)"))
        let root = try #require(ParsedXML.parse(chart.svg))
        #expect(root.classed("proposed").map(\.text) == ["Proposed 107 (+7)", "Proposed 20 (+3)", "Proposed 127 (+10)"])
        #expect(root.classed("current").map(\.text) == ["Current 100", "Current 17", "Current 117"])
        #expect(root.classed("total").count == 1)
        let widths = root.all("rect").filter { $0.parent?.attributes["class"] != nil && $0.attributes["height"] == "12" }.map { $0.number("width") }
        let values: [Double] = [100, 107, 17, 20, 117, 127]
        #expect(widths.count == 6)
        for (width, value) in zip(widths, values) {
            #expect(abs(width - value / 127 * widths[5]) < 0.02)
        }
    }

    @Test func aReductionReadsAsAMinusAndOnePositionHasNoTotal() throws {
        let one = PositionComplement(name: "C", positions: [.init(code: "1234-5678", current: 9, proposed: 4)])
        let chart = ComplementChart(title: "C", complement: one, catalog: [:])
        #expect(chart.rows.count == 1)
        #expect(chart.alternative == "Authorized positions, current and proposed. 1234-5678: 9 to 4 (\u{2212}5).")
        #expect(ParsedXML.parse(chart.svg) != nil)
    }
}

@Suite struct PositionShortNamesTests {
    @Test func initialsLeaveOutParenthesesAndFallBackToCodes() {
        #expect(PositionShortNames.initials(of: "Customer Relations Specialist (District)") == "CRS")
        #expect(PositionShortNames.initials(of: "Lead Customer Care Quality Spec") == "LCCQS")
        let names = PositionShortNames(codes: ["a", "b", "c", "d"], catalog: [
            "a": PositionLabel(title: "Customer Relations Coordinator", grade: "EAS-17"),
            "b": PositionLabel(title: "Care Relations Clerk", grade: "EAS-11"),
            "c": PositionLabel(title: "manager", grade: ""),
        ])
        #expect(names.names == ["a": "a", "b": "b", "c": "c", "d": "d"])
        #expect(names.key.isEmpty)
        #expect(names.earned(["a": 2, "b": 0], codes: ["a", "b"]) == "2 a")
    }
}
