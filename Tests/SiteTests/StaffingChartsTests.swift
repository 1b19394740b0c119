import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PortalPages
@testable import PortalSite
import Testing

/// The staffing charts end to end: SVG files the staffing page and the 2022 dossier show, with findings as
/// their text alternatives, the same bytes every build, and redrawn from the data when it changes.
@Suite struct StaffingChartsTests {
    static let scores = "staffing/charts/customer-relations-2022-scores.svg"
    static let complement = "staffing/charts/customer-relations-2022-complement.svg"
    static let dossier = "letters/2022-08-30-customer-relations-coordinators.html"

    /// A copy of the real content, changed by `edit`, built into a new folder.
    func build(_ name: String, edit: (URL) throws -> Void = { _ in }) throws -> URL {
        let folder = try temporaryFolder(name)
        let content = folder.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: content)
        try edit(content.appendingPathComponent("data"))
        let output = folder.appendingPathComponent("Public")
        _ = try SiteBuilder(options: .init(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content")).build()
        return output
    }

    func isWellFormed(_ data: Data) -> Bool { XMLParser(data: data).parse() }

    /// The `alt` of the image whose `src` ends with `file`.
    func alt(of file: String, in html: String) -> String? {
        guard let image = html.range(of: "<img src=\"[^\"]*\(file)\" alt=\"[^\"]*\"", options: .regularExpression) else { return nil }
        let tag = html[image]
        return tag.range(of: "alt=\"").map { String(tag[$0.upperBound...].dropLast()) }
    }

    @Test func theStaffingPageAndTheDossierShowBothChartsWithTheirFindings() throws {
        let output = try buildRealContent("charts")
        for path in [Self.scores, Self.complement] {
            let data = try Data(contentsOf: output.output.appendingPathComponent(path))
            #expect(isWellFormed(data), "\(path) is not well-formed XML")
            #expect(!String(decoding: data, as: UTF8.self).contains("<script"))
        }
        let staffing = try read(output.output.appendingPathComponent(StaffingPages.overviewPath))
        let scoresAlt = try #require(alt(of: "charts/customer-relations-2022-scores.svg", in: staffing))
        #expect(scoresAlt.contains("Nearest a band edge: California (187.78, 0.78 above 187)."))
        #expect(scoresAlt.contains("band edges 40, 102, 135, 187 and 203"))
        #expect(scoresAlt.contains("Exceptions: California, Puerto Rico and Hawaii."))
        let complementAlt = try #require(alt(of: "charts/customer-relations-2022-complement.svg", in: staffing))
        #expect(complementAlt.contains("Customer Relations Coordinator EAS-17 (2345-5035): 100 to 107 (+7)"))
        #expect(complementAlt.contains("Total: 117 to 127 (+10)"))
        // The tables the charts draw stay on the page.
        #expect(staffing.contains("<th scope=\"row\">California</th>"))

        let dossier = try read(output.output.appendingPathComponent(Self.dossier))
        #expect(dossier.contains("<h2 id=\"staffing-at-a-glance\">Staffing at a glance</h2>"))
        #expect(alt(of: "../staffing/charts/customer-relations-2022-scores.svg", in: dossier) == scoresAlt)
        #expect(alt(of: "../staffing/charts/customer-relations-2022-complement.svg", in: dossier) == complementAlt)
        // The dossier carries the tables too, under each chart.
        #expect(dossier.contains("<th scope=\"row\">California</th>"))
        #expect(dossier.contains("<summary>The figures as a table</summary>"))
        // The calculator draws its band scale from the edges and margin the charts use, and shows the districts' chart.
        let data = try read(output.output.appendingPathComponent(StaffingPages.calculatorDataPath("customer-relations-2022")))
        #expect(data.contains("\"chart\":{\"edges\":[40,102,135,187,203],\"nearEdgeMargin\":2}"))
        let calculator = try read(output.output.appendingPathComponent(StaffingPages.calculatorPath("customer-relations-2022")))
        #expect(alt(of: "../staffing/charts/customer-relations-2022-scores.svg", in: calculator) == scoresAlt)
        #expect(calculator.contains("<script src=\"../assets/band-scale.js\"></script>"))
        #expect(calculator.contains("<div id=\"calc-band-scale\" class=\"band-scale\" hidden></div>"))
        // The 2019 letter names no model or complement: no charts.
        let other = try read(output.output.appendingPathComponent("letters/2019-12-12-enterprise-customer-care-restructure.html"))
        #expect(!other.contains("staffing-at-a-glance"))
    }

    @Test func chartsAreTheSameBytesEveryBuild() throws {
        let first = try build("charts-first")
        let second = try build("charts-second")
        for path in [Self.scores, Self.complement] {
            let a = try Data(contentsOf: first.appendingPathComponent(path))
            #expect(a == (try Data(contentsOf: second.appendingPathComponent(path))))
            #expect(String(decoding: a, as: UTF8.self).range(of: "20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T", options: .regularExpression) == nil)
        }
    }

    @Test func changedDistrictsAndAnotherModelRedrawTheChart() throws {
        let output = try build("charts-variant") { data in
            let csv = data.appendingPathComponent("customer-relations-2022.districts.csv")
            var text = try String(contentsOf: csv, encoding: .utf8)
            text = text.replacingOccurrences(of: "Texas,", with: "Nevada,")
            try text.write(to: csv, atomically: true, encoding: .utf8)
            let model = data.appendingPathComponent("customer-relations-2022.model.yaml")
            var yaml = try String(contentsOf: model, encoding: .utf8)
            yaml = yaml.replacingOccurrences(of: "187.00, max: 203.00", with: "180.00, max: 250.00")
                .replacingOccurrences(of: "135.00, max: 186.99", with: "135.00, max: 179.99")
                .replacingOccurrences(of: "[California, Hawaii, Puerto Rico]", with: "[Nevada, Ohio]")
            try yaml.write(to: model, atomically: true, encoding: .utf8)
            let complement = data.appendingPathComponent("customer-relations-2022.complement.yaml")
            let figures = try String(contentsOf: complement, encoding: .utf8).replacingOccurrences(of: "proposed: 107", with: "proposed: 95")
            try figures.write(to: complement, atomically: true, encoding: .utf8)
        }
        let svg = try read(output.appendingPathComponent(Self.scores))
        #expect(svg.contains(">180</text>") && svg.contains(">250</text>"))
        #expect(!svg.contains(">187</text>") && !svg.contains(">203</text>"))
        #expect(svg.contains("Nevada: 212.55"))
        #expect(svg.contains("band edges 40, 102, 135, 180 and 250"))
        #expect(svg.contains("Exceptions: Ohio and Nevada.") || svg.contains("Exceptions: Nevada and Ohio."))
        let complement = try read(output.appendingPathComponent(Self.complement))
        #expect(complement.contains("100 to 95 (\u{2212}5)"))
        #expect(complement.contains("Total: 117 to 115 (\u{2212}2)"))
    }
}
