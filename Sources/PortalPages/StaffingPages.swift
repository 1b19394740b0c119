import Foundation
import PortalCharts
import PortalContent
import PortalRender
import PortalSearch
import StaffingModel

/// The staffing pages: every computed table on one page, and an offline calculator per workload model.
///
/// The calculator's JavaScript reads the model parameters from a data script
/// this generator writes from the same `Content/data/` files the tables use,
/// so the page and the build share one source of truth.
package struct StaffingPages: PageGenerator {
    package init() {}

    package static let overviewPath = "staffing/index.html"

    package static func calculatorPath(_ stem: String) -> String { "staffing/\(stem)-calculator.html" }
    package static func calculatorDataPath(_ stem: String) -> String { "staffing/\(stem)-calculator-data.js" }

    /// Whether the site has staffing data to show; without it there are no staffing pages.
    @Sendable package static func hasPages(_ model: SiteModel) -> Bool {
        let data = model.staffing.data
        return !data.models.isEmpty || !data.complements.isEmpty || !data.ratios.isEmpty
    }

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        guard Self.hasPages(model) else { return [] }
        let data = model.staffing.data
        var files = [overview(model)] + StaffingCharts.files(model)
        for stem in data.models.keys.sorted() {
            files += calculator(stem: stem, model)
        }
        return files
    }

    /// The overview page's tables by section (anchor, heading, tables), as the page shows them.
    static func sections(_ model: SiteModel) -> [(id: String, name: String, tables: [StaffingTable])] {
        let data = model.staffing.data
        func tables(_ requests: [(String, [String: String])]) -> [StaffingTable] {
            requests.compactMap { try? model.staffing.table(named: $0.0, parameters: $0.1) }
        }
        var sections: [(id: String, name: String, tables: [StaffingTable])] = []
        for stem in data.models.keys.sorted() {
            var requests = [("factors", ["model": stem]), ("bands", ["model": stem])]
            if data.districtSets[stem] != nil { requests.append(("districts", ["model": stem, "districts": stem])) }
            sections.append(("model-\(stem)", data.models[stem]!.name, tables(requests)))
        }
        for stem in data.complements.keys.sorted() {
            sections.append(("complement-\(stem)", data.complements[stem]!.name, tables([("complement", ["complement": stem])])))
        }
        for stem in data.ratios.keys.sorted() {
            sections.append(("ratio-\(stem)", data.ratios[stem]!.name, tables([("ratio", ["ratio": stem])])))
        }
        return sections
    }

    /// The overview page as search sees it: each section's tables as one part, so district names and position titles are found.
    static func searchDocument(_ model: SiteModel) -> SearchDocument? {
        guard hasPages(model) else { return nil }
        return SearchDocument(
            title: "Staffing figures", kind: SearchPages.sitePageKind, date: "", dateText: "", url: overviewPath,
            text: "Staffing criteria, workload scores, authorizations and ratios, computed from the consultation data.",
            parts: sections(model).map { section in
                SearchPart(anchor: section.id, heading: section.name, text: section.tables.map(StaffingBlocks.text).joined(separator: " "))
            })
    }

    private func table(_ name: String, _ parameters: [String: String], _ model: SiteModel) -> String {
        // Every stem comes from the loaded data, so a failure here is a bug, shown rather than hidden.
        do {
            return model.staffing.html(
                try model.staffing.table(named: name, parameters: parameters), page: Self.overviewPath)
        } catch {
            return "<p class=\"table-note\">\(HTML.escape(error.message))</p>\n"
        }
    }

    private func overview(_ model: SiteModel) -> OutputFile {
        let path = Self.overviewPath
        let data = model.staffing.data
        let models: [[String: Any]] = data.models.keys.sorted().map { stem in
            var tables = table("factors", ["model": stem], model) + table("bands", ["model": stem], model)
            if data.districtSets[stem] != nil {
                tables += table("districts", ["model": stem, "districts": stem], model)
            }
            return ["id": "model-\(stem)", "name": data.models[stem]!.name, "tables": tables,
                    "calculatorHref": SitePath.link(from: path, to: Self.calculatorPath(stem)),
                    "charts": [StaffingCharts.scoreFigure(stem, from: path, model)].compactMap { $0 }]
        }
        let complements: [[String: Any]] = data.complements.keys.sorted().map { stem in
            ["id": "complement-\(stem)", "name": data.complements[stem]!.name, "tables": table("complement", ["complement": stem], model),
             "charts": [StaffingCharts.complementFigure(stem, from: path, model)].compactMap { $0 }]
        }
        let ratios: [[String: Any]] = data.ratios.keys.sorted().map { stem in
            ["id": "ratio-\(stem)", "name": data.ratios[stem]!.name, "tables": table("ratio", ["ratio": stem], model)]
        }
        let content = model.theme.render("staffing", [
            "models": models, "complements": complements, "ratios": ratios,
        ])
        return model.wrap(
            content, path: path, title: "Staffing figures",
            description: "Staffing criteria, workload scores, authorizations and ratios, computed from the consultation data.",
            bodyClass: "staffing")
    }

    private func calculator(stem: String, _ model: SiteModel) -> [OutputFile] {
        let path = Self.calculatorPath(stem)
        let data = model.staffing.data
        let workload = data.models[stem]!
        let districts = data.districtSets[stem]
        let factors: [[String: Any]] = workload.factors.map { factor in
            var entry: [String: Any] = ["key": factor.key, "label": factor.label, "weight": "\(factor.weight)"]
            if let districts {
                entry["mean"] = Staffing.scoreText(districts.mean(of: factor.key))
            }
            return entry
        }
        let exceptionDistricts = workload.exceptions.flatMap(\.districts).sorted()
        // The districts' chart, with its table: this page shows neither otherwise.
        let charts = [StaffingCharts.scoreFigureWithTable(stem, from: path, model)].compactMap { $0 }
        let content = model.theme.render("calculator", [
            "stem": stem, "name": workload.name, "factors": factors, "hasMeans": districts != nil,
            "meansAreIllustrative": districts?.isIllustrative ?? false,
            "assumption": StaffingTable.indexToMeanAssumption,
            "exceptionDistricts": exceptionDistricts.map { ["name": $0] },
            "exceptionDistrictList": StaffingTable.englishList(exceptionDistricts),
            "hasExceptions": !exceptionDistricts.isEmpty,
            "dataScript": SitePath.link(from: path, to: Self.calculatorDataPath(stem)),
            "scriptHref": SitePath.link(from: path, to: "assets/calculator.js"),
            "bandScaleHref": SitePath.link(from: path, to: "assets/band-scale.js"),
            "overviewHref": SitePath.link(from: path, to: Self.overviewPath),
            "charts": charts, "hasCharts": !charts.isEmpty,
            "codes": workload.occupationCodes.map { code in
                ["code": code, "label": model.staffing.catalog[code].map { $0.name(code: code) } ?? code]
            },
        ])
        let page = model.wrap(
            content, path: path, title: "Staffing calculator: \(workload.name)",
            description: "Compute a district's workload score, band and earned positions offline.",
            bodyClass: "calculator")
        return [page, OutputFile(path: Self.calculatorDataPath(stem), contents: calculatorData(stem: stem, model))]
    }

    /// The model's parameters as a script that registers them in one global.
    ///
    /// Means are also given as exact integer sums and district counts, so the
    /// calculator's default means are the same rationals the build divides by.
    private func calculatorData(stem: String, _ model: SiteModel) -> String {
        let data = model.staffing.data
        var parameters = data.parametersForCalculator[stem]!
        parameters.means = nil  // Decimal means lose digits as JavaScript numbers; sums below are exact.
        var sums: [String: String] = [:]
        if let districts = data.districtSets[stem] {
            for factor in data.models[stem]!.factors {
                sums[factor.key] = String(districts.rows.reduce(0) { $0 + ($1.counts[factor.key] ?? 0) })
            }
        }
        let exactMeans = ExactMeans(sums: sums, districts: data.districtSets[stem]?.rows.count ?? 0)
        let chart = BandScale(edges: ScoreFindings.edges(of: data.models[stem]!), nearEdgeMargin: ScoreFindings.defaultMargin)
        let json = (try? Staffing.json(CalculatorData(parameters: parameters, exactMeans: exactMeans, chart: chart), pretty: false)) ?? "{}"
        return "window.PortalStaffing = window.PortalStaffing || {};\nwindow.PortalStaffing[\(Staffing.jsonString(stem))] = \(json);\n"
    }

    private struct ExactMeans: Encodable {
        package var sums: [String: String]
        package var districts: Int
    }

    /// What the calculator's band scale needs besides the parameters, from the same code as the build's score charts.
    private struct BandScale: Encodable {
        package var edges: [Decimal]
        package var nearEdgeMargin: Decimal
    }

    private struct CalculatorData: Encodable {
        package var parameters: CalculatorParameters
        package var exactMeans: ExactMeans
        package var chart: BandScale
    }
}

extension Staffing {
    /// A JSON string literal, also valid JavaScript.
    package static func jsonString(_ text: String) -> String {
        (try? json(text, pretty: false)) ?? "\"\""
    }
}
