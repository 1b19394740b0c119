import Foundation
import PortalCodeRecognizer
import PortalContent
import PortalWork
import StaffingModel

/// Renders fenced `staffing NAME key=value …` blocks as accessible HTML tables computed by the domain module.
///
/// The figures never come from the Markdown: the block names a table and the
/// data file it reads, and ``StaffingData`` computes every number.
package struct StaffingBlocks {
    package let data: StaffingData
    /// Occupation code to title and grade, from the position catalog, so row labels can't drift from it.
    package let catalog: [String: PositionLabel]
    /// The tables worked out so far, by request: every dossier that names a model shows its tables, and each
    /// is a pure function of `data` and `catalog`.
    private let tables = BuildMemo<TableRequest, StaffingTable>()

    /// A table asked for by a block's info string, or by name and parameters.
    private enum TableRequest: Hashable, Sendable {
        case info(String)
        case named(String, [String: String])
    }

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

    /// The table for a `staffing …` info string on the page at `page`, as HTML and as plain text for search;
    /// nil for any other code block.
    package func render(info: String, literal: String, page: String) throws(BodyRenderer.FencedBlockError) -> (html: String, text: String)? {
        guard info.split(separator: " ").first == Substring(StaffingBlockRequest.keyword) else { return nil }
        guard literal.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .init(message: "staffing blocks take no content: the figures come from Content/data/; remove the lines inside the block", column: 1)
        }
        do {
            let table = try tables.value(.info(info)) { () throws(StaffingBlockError) in
                try data.table(infoString: info, catalog: catalog)
            }
            return (html(table, page: page), Self.text(table))
        } catch {
            throw .init(message: error.message, column: error.column)
        }
    }

    /// The named table with these parameters, worked out once per build.
    package func table(named name: String, parameters: [String: String]) throws(StaffingBlockError) -> StaffingTable {
        try tables.value(.named(name, parameters)) { () throws(StaffingBlockError) in
            try data.table(named: name, parameters: parameters, catalog: catalog)
        }
    }

    /// Everything a reader sees in `table` (caption, headers, cells, notes) as one run of text, for search.
    package static func text(_ table: StaffingTable) -> String {
        var parts = [table.caption] + table.columns.map(\.header)
        for row in table.rows + table.footer { parts += row.map(\.text) }
        return (parts + table.notes).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// ``html(_:codeLink:)`` with each described occupation code linked to its page, relative to `page`.
    package func html(_ table: StaffingTable, page: String) -> String {
        Self.html(table) { code in
            catalog[code] == nil ? nil : SitePath.link(from: page, to: OccupationCodeLinks.pagePath(code))
        }
    }

    /// An accessible table: caption, column headers with scope, row headers, totals in `tfoot`.
    /// - Parameter codeLink: the link for an occupation code in a cell, or nil to leave it as text.
    package static func html(_ table: StaffingTable, codeLink: (String) -> String? = { _ in nil }) -> String {
        func cells(_ row: [StaffingTable.Cell], numeric: [Bool]) -> String {
            row.enumerated().map { index, cell in
                let isNumeric = index < numeric.count && numeric[index]
                let classAttribute = isNumeric ? " class=\"num\"" : ""
                let content = linkedText(cell.text, codeLink: codeLink)
                return cell.isRowHeader
                    ? "<th scope=\"row\"\(classAttribute)>\(content)</th>"
                    : "<td\(classAttribute)>\(content)</td>"
            }.joined()
        }
        let numeric = table.columns.map(\.isNumeric)
        var html = "<div class=\"table-wrap staffing-table\" tabindex=\"0\">\n<table>\n<caption>\(HTML.escape(table.caption))</caption>\n<thead><tr>"
        html += table.columns.map {
            "<th scope=\"col\"\($0.isNumeric ? " class=\"num\"" : "")>\(linkedText($0.header, codeLink: codeLink))</th>"
        }.joined()
        html += "</tr></thead>\n<tbody>\n"
        html += table.rows.map { "<tr>\(cells($0, numeric: numeric))</tr>\n" }.joined()
        html += "</tbody>\n"
        if !table.footer.isEmpty {
            html += "<tfoot>\n" + table.footer.map { "<tr>\(cells($0, numeric: numeric))</tr>\n" }.joined() + "</tfoot>\n"
        }
        html += "</table>\n"
        html += table.notes.map { "<p class=\"table-note\">\(linkedText($0, codeLink: codeLink))</p>\n" }.joined()
        return html + "</div>\n"
    }

    /// `text` escaped, with each occupation code that `codeLink` gives a link for made a link.
    static func linkedText(_ text: String, codeLink: (String) -> String?) -> String {
        let mentions = OccupationCodeRecognizer.mentions(in: text)
        guard !mentions.isEmpty else { return HTML.escape(text) }
        let chars = Array(text)
        var html = ""
        var position = 0
        for mention in mentions {
            guard let link = codeLink(mention.code) else { continue }
            html += HTML.escape(String(chars[position..<mention.range.lowerBound]))
            html += "<a class=\"code\" href=\"\(HTML.escape(link))\">\(HTML.escape(String(chars[mention.range])))</a>"
            position = mention.range.upperBound
        }
        return html + HTML.escape(String(chars[position...]))
    }
}
