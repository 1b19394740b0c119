import Foundation
import PortalContent
import StaffingModel

/// Renders fenced `staffing NAME key=value …` blocks as accessible HTML tables computed by the domain module.
///
/// The figures never come from the Markdown: the block names a table and the
/// data file it reads, and ``StaffingData`` computes every number.
package struct StaffingBlocks {
    package let data: StaffingData
    /// Occupation code to title and grade, from the position catalog, so row labels can't drift from it.
    package let catalog: [String: PositionLabel]

    package init(site: ContentSite) throws(Diagnostics) {
        do {
            data = try StaffingData.load(files: site.dataFiles, displayPrefix: "Content/data/")
        } catch {
            throw Diagnostics(error.errors.map {
                Diagnostic(path: $0.path, line: $0.line, column: $0.column, message: $0.message)
            })
        }
        var problems: [Diagnostic] = []
        for (stem, ratio) in data.ratios.sorted(by: { $0.key < $1.key }) {
            guard let consultation = ratio.consultation else { continue }
            if site.document(at: consultation)?.kind != .letter {
                problems.append(Diagnostic(
                    path: "Content/data/\(stem).ratio.yaml", line: ratio.consultationLine, column: ratio.consultationColumn,
                    message: "consultation '\(consultation)' names no letter; give the path of the proposing letter relative to Content/, e.g. letters/2019-12-12-enterprise-customer-care-restructure.md"))
            }
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        var catalog: [String: PositionLabel] = [:]
        // Current versions first, then proposed ones, each in site order, so a proposed title wins over the
        // current one. (Two passes in site order give what a stable sort of every document by version would.)
        var proposed: [(code: String, label: PositionLabel)] = []
        for document in site.documents {
            guard let position = document.position else { continue }
            let label = PositionLabel(title: document.title, grade: position.grade)
            if position.version == .proposed {
                proposed.append((position.occupationCode, label))
            } else {
                catalog[position.occupationCode] = label
            }
        }
        for (code, label) in proposed { catalog[code] = label }
        self.catalog = catalog
    }

    /// The table for a `staffing …` info string, or nil for any other code block.
    package func render(info: String, literal: String) throws(BodyRenderer.FencedBlockError) -> String? {
        guard info.split(separator: " ").first == Substring(StaffingBlockRequest.keyword) else { return nil }
        guard literal.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .init(message: "staffing blocks take no content: the figures come from Content/data/; remove the lines inside the block", column: 1)
        }
        do {
            return Self.html(try data.table(infoString: info, catalog: catalog))
        } catch {
            throw .init(message: error.message, column: error.column)
        }
    }

    /// An accessible table: caption, column headers with scope, row headers, totals in `tfoot`.
    package static func html(_ table: StaffingTable) -> String {
        func cells(_ row: [StaffingTable.Cell], numeric: [Bool]) -> String {
            row.enumerated().map { index, cell in
                let isNumeric = index < numeric.count && numeric[index]
                let classAttribute = isNumeric ? " class=\"num\"" : ""
                return cell.isRowHeader
                    ? "<th scope=\"row\"\(classAttribute)>\(HTML.escape(cell.text))</th>"
                    : "<td\(classAttribute)>\(HTML.escape(cell.text))</td>"
            }.joined()
        }
        let numeric = table.columns.map(\.isNumeric)
        var html = "<div class=\"table-wrap staffing-table\" tabindex=\"0\">\n<table>\n<caption>\(HTML.escape(table.caption))</caption>\n<thead><tr>"
        html += table.columns.map { "<th scope=\"col\"\($0.isNumeric ? " class=\"num\"" : "")>\(HTML.escape($0.header))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        html += table.rows.map { "<tr>\(cells($0, numeric: numeric))</tr>\n" }.joined()
        html += "</tbody>\n"
        if !table.footer.isEmpty {
            html += "<tfoot>\n" + table.footer.map { "<tr>\(cells($0, numeric: numeric))</tr>\n" }.joined() + "</tfoot>\n"
        }
        html += "</table>\n"
        html += table.notes.map { "<p class=\"table-note\">\(HTML.escape($0))</p>\n" }.joined()
        return html + "</div>\n"
    }
}
