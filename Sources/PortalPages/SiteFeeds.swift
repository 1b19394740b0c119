import PortalContent
import PortalRender

/// The site-wide files beside the pages: the Atom feed of consultations and the 404 page.
package struct SiteFeeds: PageGenerator {
    package init() {}

    package static let feedPath = "feed.xml"
    package static let notFoundPath = "404.html"

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        [feed(model), notFound(model)]
    }

    /// Atom 1.0, newest consultation first; dates come from the content, never from the clock.
    ///
    /// Links are absolute, with a self link, when `base_url` is set; otherwise relative to the
    /// feed, which Atom resolves against the feed's own address. Ids never depend on the address
    /// (``feedID(_:config:)``), so that moving the site shows no old entry as new.
    package func feed(_ model: SiteModel) -> OutputFile {
        let config = model.site.config
        let consultations = Consultation.all(in: model)
        func url(_ path: String) -> String {
            config.baseURL.isEmpty ? SitePath.encoded(path) : "\(config.baseURL)/\(SitePath.encoded(path))"
        }
        func id(_ path: String) -> String { Self.feedID(SitePath.encoded(path), config: config) }
        let updated = consultations.first?.letter.date ?? model.site.documents.map(\.date).max() ?? "1980-01-01"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(XMLText.escape(config.title)): consultations</title>
            <subtitle>\(XMLText.escape(config.description))</subtitle>
            <id>\(XMLText.escape(id(Self.feedPath)))</id>
            <link rel="alternate" type="text/html" href="\(XMLText.escape(url(SitePath.home)))"/>

            """
        if !config.baseURL.isEmpty {
            xml += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLText.escape(url(Self.feedPath)))\"/>\n"
        }
        xml += "<updated>\(updated)T00:00:00Z</updated>\n<author><name>\(XMLText.escape(config.title))</name></author>\n"
        for consultation in consultations {
            let letter = consultation.letter
            let window = consultation.window
            var html = "<p>\(HTML.escape(letter.summary ?? letter.title))</p>\n"
            html += "<p>From \(HTML.escape(consultation.fields.from.name)) to \(HTML.escape(consultation.fields.to.name)) under \(HTML.escape(consultation.fields.statute)). "
            html += "The review window ends \(HTML.escape(DateText.long(window.end.description))).</p>\n"
            if !consultation.changes.isEmpty {
                html += "<ul>\n" + consultation.changes.map { "<li>\(HTML.escape($0.kind.heading)): \(HTML.escape($0.text))\($0.detail.map { ": " + HTML.escape($0) } ?? "")</li>\n" }.joined() + "</ul>\n"
            }
            xml += """
                <entry>
                <title>\(XMLText.escape(letter.title))</title>
                <id>\(XMLText.escape(id(letter.outputPath)))</id>
                <link rel="alternate" type="text/html" href="\(XMLText.escape(url(letter.outputPath)))"/>
                <published>\(letter.date)T00:00:00Z</published>
                <updated>\(letter.date)T00:00:00Z</updated>
                <author><name>\(XMLText.escape(consultation.fields.from.name))</name></author>
                <summary>\(XMLText.escape(letter.summary ?? letter.title))</summary>
                <content type="html">\(XMLText.escape(html))</content>
                </entry>

                """
        }
        xml += "</feed>\n"
        return OutputFile(path: Self.feedPath, contents: xml)
    }

    /// The permanent id of the resource at `encodedPath`: a `tag:` URI (RFC 4151) from site.yaml's
    /// `id_authority` and `id_date`, or, when they are not set, a `urn:` every portal shares.
    package static func feedID(_ encodedPath: String, config: SiteConfig) -> String {
        config.feedIdentity?.id(encodedPath) ?? "urn:consultation-portal:\(encodedPath)"
    }

    /// The 404 page. A server shows it for any missing path, however deep, so with `base_url` its links
    /// (stylesheets, menu, search) start with the address; without one they are relative, as elsewhere.
    package func notFound(_ model: SiteModel) -> OutputFile {
        let path = Self.notFoundPath
        let base = model.site.config.baseURL
        let root = base.isEmpty ? SitePath.root(from: path) : base + "/"
        let content = model.theme.render("not-found", [
            "homeHref": root + SitePath.home,
            "lettersHref": root + SitePath.listing(.letter),
        ])
        return model.wrap(
            content, path: path, title: "Page not found",
            description: "The page you asked for is not on the \(model.site.config.title).", bodyClass: "not-found", root: root)
    }
}
