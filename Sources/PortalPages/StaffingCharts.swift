import PortalCharts
import PortalRender
import StaffingModel

/// The staffing charts' SVG files and the figures that show them on the staffing page and on dossiers.
///
/// A chart is an image file, not inline markup, so the pages' strict CSP stays as it is; each figure
/// carries the chart's finding as its text alternative, and the table it draws is on the same page.
package enum StaffingCharts {
    /// The score chart of the district set with the same stem as its model.
    package static func scoresPath(_ stem: String) -> String { "staffing/charts/\(stem)-scores.svg" }
    /// The complement chart.
    package static func complementPath(_ stem: String) -> String { "staffing/charts/\(stem)-complement.svg" }

    /// Every chart the staffing data makes: a score chart per model with districts, a complement chart per complement.
    package static func files(_ model: SiteModel) -> [OutputFile] {
        let data = model.staffing.data
        let scores = data.models.keys.sorted().compactMap { stem in
            scoreChart(stem, model).map { OutputFile(path: scoresPath(stem), contents: $0.svg) }
        }
        let complements = data.complements.keys.sorted().compactMap { stem in
            complementChart(stem, model).map { OutputFile(path: complementPath(stem), contents: $0.svg) }
        }
        return scores + complements
    }

    /// The score chart of `stem`'s model and districts; nil when either is missing or they do not fit.
    package static func scoreChart(_ stem: String, _ model: SiteModel) -> ScoreChart? {
        model.scoreCharts.value(stem) { makeScoreChart(stem, model) }
    }

    private static func makeScoreChart(_ stem: String, _ model: SiteModel) -> ScoreChart? {
        let data = model.staffing.data
        guard let workload = data.models[stem], let districts = data.districtSets[stem],
              districts.problems(against: workload).isEmpty else { return nil }
        let set = districts.info.name ?? "district scores"
        return ScoreChart(
            title: "\(workload.name): \(set) against the score bands", model: workload, districts: districts,
            catalog: model.staffing.catalog)
    }

    package static func complementChart(_ stem: String, _ model: SiteModel) -> ComplementChart? {
        model.complementCharts.value(stem) { () -> ComplementChart? in
            guard let complement = model.staffing.data.complements[stem] else { return nil }
            return ComplementChart(title: complement.name, complement: complement, catalog: model.staffing.catalog)
        }
    }

    /// The figure for `stem`'s score chart on the page at `path`; `table` is the HTML of the table it draws,
    /// for pages that do not show that table already.
    package static func scoreFigure(_ stem: String, from path: String, table: String? = nil, _ model: SiteModel) -> [String: Any]? {
        guard let chart = scoreChart(stem, model) else { return nil }
        let notice = model.staffing.data.districtSets[stem]?.info.illustrativeNotice
        return figure(
            src: SitePath.link(from: path, to: scoresPath(stem)), alt: chart.alternative,
            caption: chart.title + (notice.map { ". " + $0 } ?? ""), table: table)
    }

    package static func complementFigure(_ stem: String, from path: String, table: String? = nil, _ model: SiteModel) -> [String: Any]? {
        guard let chart = complementChart(stem, model) else { return nil }
        return figure(
            src: SitePath.link(from: path, to: complementPath(stem)), alt: chart.alternative,
            caption: "\(chart.title): each position before and after", table: table)
    }

    /// The score figure with the districts table under it, for a page that does not show that table already.
    package static func scoreFigureWithTable(_ stem: String, from path: String, _ model: SiteModel) -> [String: Any]? {
        scoreFigure(stem, from: path, table: tableHTML("districts", ["model": stem, "districts": stem], on: path, model), model)
    }

    /// The complement figure with its table under it.
    package static func complementFigureWithTable(_ stem: String, from path: String, _ model: SiteModel) -> [String: Any]? {
        complementFigure(stem, from: path, table: tableHTML("complement", ["complement": stem], on: path, model), model)
    }

    /// The named staffing table as HTML for the page at `path`, its occupation codes linked to their pages.
    private static func tableHTML(_ name: String, _ parameters: [String: String], on path: String, _ model: SiteModel) -> String? {
        (try? model.staffing.table(named: name, parameters: parameters))
            .map { model.staffing.html($0, page: path) }
    }

    private static func figure(src: String, alt: String, caption: String, table: String?) -> [String: Any] {
        var figure: [String: Any] = ["src": src, "alt": alt, "caption": caption]
        figure["table"] = table
        return figure
    }
}
