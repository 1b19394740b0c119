import PortalContent
import PortalRender
import PortalSearch

/// The glossary page, `glossary.html`: every abbreviation of `Content/data/glossary.yaml` with its expansions and definition.
///
/// Each entry has an anchor (`glossary.html#term-crc`); a site without a glossary has no page and no menu entry.
package struct GlossaryPage: PageGenerator {
    package init() {}

    package static let path = "glossary.html"

    @Sendable package static func hasPage(_ model: SiteModel) -> Bool {
        !model.glossary.entries.isEmpty
    }

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        guard Self.hasPage(model) else { return [] }
        return [model.wrap(
            Self.content(model.glossary), path: Self.path, title: "Glossary",
            description: "What the abbreviations used in the letters, position descriptions and presentations stand for.",
            bodyClass: "glossary")]
    }

    /// The page as search sees it: each entry a part, so "CRC" and "Customer Relations Coordinator" both find it.
    static func searchDocument(_ model: SiteModel) -> SearchDocument? {
        guard hasPage(model) else { return nil }
        return SearchDocument(
            title: "Glossary", kind: SearchPages.sitePageKind, date: "", dateText: "", url: path,
            text: "The abbreviations used in the letters, position descriptions and presentations, and what they stand for.",
            parts: model.glossary.entries.map { entry in
                SearchPart(anchor: entry.anchor, heading: "\(entry.term): \(entry.title)", text: entry.definition)
            })
    }

    /// The page's main content, entries in alphabetical order.
    static func content(_ glossary: Glossary) -> String {
        var html = "<h1>Glossary</h1>\n"
        html += "<p class=\"lede\">The abbreviations used in the letters, position descriptions and presentations, and what they stand for. "
        html += "Search understands them both ways: a search for an abbreviation also finds its expansion.</p>\n"
        html += "<dl class=\"glossary\">\n"
        for entry in glossary.entries.sorted(by: { $0.term.lowercased() < $1.term.lowercased() }) {
            html += "<dt id=\"\(HTML.escape(entry.anchor))\"><abbr title=\"\(HTML.escape(entry.title))\">\(HTML.escape(entry.term))</abbr></dt>\n"
            html += "<dd><strong>\(HTML.escape(entry.expansions.joined(separator: "; ")))</strong>. \(HTML.escape(entry.definition))</dd>\n"
        }
        html += "</dl>\n"
        return html
    }
}
