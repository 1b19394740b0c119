import PortalContent
import PortalPages
import PortalRender

/// Names where each link of a page leads, for print: a printed link cannot be followed, so `print.css` shows this name after it.
///
/// A link to a document's page is named by the document's title, one to an
/// occupation code's page or redline by the code, and any other page of the site
/// by its address on the published site when `base_url` is set, else by its path
/// in the site; a link within the page needs no name (its target is on the sheet),
/// and an external link shows its own address (`print.css` reads `href`). The name
/// goes in a `data-destination` attribute, so the screen never shows it; it is never
/// a `file://` path, whatever folder the page is opened from.
package enum PrintDestinations {
    package static func annotate(_ html: String, from page: String, model: SiteModel) -> String {
        StartTags.rewrite(html, names: ["a"]) { tag in
            guard let href = tag.value(of: "href"), !href.hasPrefix("#"), let name = destination(of: href, from: page, model: model)
            else { return .keep }
            var edited = tag
            edited.set("data-destination", HTML.escape(name))
            return .replace(edited)
        }
    }

    private static func destination(of href: String, from page: String, model: SiteModel) -> String? {
        if let colon = href.firstIndex(of: ":"), !href[..<colon].contains("/") { return nil }
        let rooted = EmbeddedHTML.rebase(href, idPrefix: "", from: page, to: "index.html")
        let end = rooted.firstIndex { $0 == "#" || $0 == "?" } ?? rooted.endIndex
        let path = String(rooted[..<end]).removingPercentEncoding ?? String(rooted[..<end])
        if path == page { return nil }
        if path.hasSuffix(".html"), let document = model.site.document(at: String(path.dropLast(5)) + ".md") {
            return document.title
        }
        if path.hasPrefix("codes/"), path.hasSuffix(".html") {
            let stem = path.dropFirst("codes/".count).dropLast(".html".count)
            let isRedline = stem.hasSuffix("-redline")
            let code = isRedline ? stem.dropLast("-redline".count) : stem
            if code.count == 9, code.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) {
                return isRedline ? "redline of occupation code \(code)" : "occupation code \(code)"
            }
        }
        let base = model.site.config.baseURL
        return base.isEmpty ? path : (base.hasSuffix("/") ? base : base + "/") + String(rooted[..<end])
    }
}
