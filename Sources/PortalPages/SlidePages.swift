import PortalContent
import PortalRender

/// One slide view per presentation: a slide at a time, moved with the keyboard, numbered in the URL hash.
///
/// The presentation's own page is the handout (every slide, printable); this
/// page shows the same slides one by one through `assets/slides.js`. Without
/// script every slide stays visible, so the page still reads top to bottom.
package struct SlidePages: PageGenerator {
    package init() {}

    /// Each page is its own unit.
    package var memoUnit: String? { nil }

    /// `slides/presentations/x.html` for `presentations/x.md`.
    package static func path(of presentation: ContentDocument) -> String {
        "slides/" + presentation.outputPath
    }

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        model.documents(of: .presentation).map { document in model.memoized(Self.path(of: document)) { page(for: document, model) } }
    }

    package func page(for document: ContentDocument, _ model: SiteModel) -> OutputFile {
        let path = Self.path(of: document)
        let body = model.body(of: document)
        // The body's links (code links, links in computed tables) are written for the presentation's own page,
        // one folder up from this one.
        func rebased(_ html: String) -> String {
            EmbeddedHTML.embed(html, idPrefix: "", from: document.outputPath, to: path, demote: 0)
        }
        let slides: [[String: Any]] = body.sections.enumerated().map { index, section in
            ["id": section.id, "titleHTML": rebased(section.titleHTML), "html": rebased(section.html),
             "number": index + 1, "count": body.sections.count]
        }
        let content = model.theme.render("slides", [
            "title": document.title, "intro": rebased(body.intro), "slides": slides, "count": slides.count,
            "handoutHref": SitePath.link(from: path, to: document.outputPath),
            "scriptHref": SitePath.link(from: path, to: "assets/slides.js"),
        ])
        return model.wrap(
            content, path: path, title: "Slide view: \(document.title)",
            description: "The \(slides.count) slides of “\(document.title)” one at a time; use the arrow keys, Home and End to move.",
            bodyClass: "slides", currentListing: .presentation,
            breadcrumbs: [model.listingCrumb(.presentation, from: path),
                          ["href": SitePath.link(from: path, to: document.outputPath), "label": document.title]])
    }
}
