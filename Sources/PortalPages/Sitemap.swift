import PortalBytes
import PortalContent
import PortalRender

/// The sitemap of every page, built after all generators so it sees their pages too.
package enum Sitemap {
    package static let path = "sitemap.xml"

    /// The sitemap, reused from the previous build when the same pages are made from the same front matter;
    /// none without `base_url`, since the protocol allows only absolute addresses.
    ///
    /// It lists every page, so a rebuild would otherwise sort every page's path to
    /// write the same file. Its key is the site key (front matter, configuration) and the set of pages.
    package static func files(for pages: [OutputFile], model: SiteModel) -> [OutputFile] {
        guard !model.site.config.baseURL.isEmpty else { return [] }
        return model.memoized(path, extraKey: key(for: pages)) { [file(for: pages, model: model)] }
    }

    /// The set of page paths, in any order, as one number: each path's hash, mixed, added up.
    package static func key(for pages: [OutputFile]) -> UInt64 {
        var sum = UInt64(pages.count)
        for page in pages {
            var hash = StableHash.of(page.path)
            hash = (hash ^ (hash >> 33)) &* 0xFF51_AFD7_ED55_8CCD
            sum &+= hash ^ (hash >> 33)
        }
        return sum
    }

    /// The sitemap made anew.
    ///
    /// `loc` is the page's absolute address under `base_url`, which must be set.
    /// `lastmod` is the date of the document a page shows, when there is one.
    package static func file(for pages: [OutputFile], model: SiteModel) -> OutputFile {
        var dates: [String: String] = [:]
        dates.reserveCapacity(model.site.documents.count * 3)
        for index in model.site.documents.indices {
            // By index: iterating copies each document, which is large.
            let (outputPath, date) = (model.site.documents[index].outputPath, model.site.documents[index].date)
            for prefix in ["", "slides/", "packets/"] { dates[prefix + outputPath] = date }
        }
        let base = model.site.config.baseURL
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in Set(pages.map(\.path)).sorted() where path.hasSuffix(".html") && path != SiteFeeds.notFoundPath {
            let location = SitePath.encoded(path)
            xml += "<url><loc>\(XMLText.escape("\(base)/\(location)"))</loc>"
            if let date = dates[path] { xml += "<lastmod>\(date)</lastmod>" }
            xml += "</url>\n"
        }
        return OutputFile(path: path, contents: xml + "</urlset>\n")
    }
}
