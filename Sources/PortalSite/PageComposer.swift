import PortalContent
import PortalMarkdown

/// Renders every page of the site from checked content and a theme.
///
/// Bodies are parsed with cmark-gfm once each; the composer then fills the
/// kind's template and wraps it in the layout.
struct PageComposer {
    let site: ContentSite
    let theme: Theme
    let staffing: StaffingBlocks
    private(set) var warnings: [Diagnostic] = []
    private let bodies: [String: RenderedBody]

    init(site: ContentSite, theme: Theme) throws(Diagnostics) {
        self.site = site
        self.theme = theme
        staffing = try StaffingBlocks(site: site)
        let parser = MarkdownParser()
        let staffing = self.staffing
        let renderer = BodyRenderer { info, literal throws(BodyRenderer.FencedBlockError) in try staffing.render(info: info, literal: literal) }
        var bodies: [String: RenderedBody] = [:]
        var diagnostics: [Diagnostic] = []
        for document in site.documents {
            do {
                bodies[document.path] = try renderer.render(parser.parse(document.body), of: document)
            } catch {
                diagnostics += error.items
            }
        }
        if !diagnostics.isEmpty { throw Diagnostics(diagnostics) }
        self.bodies = bodies
    }

    func composeAll() throws(Diagnostics) -> [RenderedPage] {
        var pages: [RenderedPage] = [home()]
        for kind in DocumentKind.allCases where !documents(of: kind).isEmpty {
            pages.append(listing(kind))
        }
        for document in site.documents {
            pages.append(page(for: document))
        }
        return pages
    }

    // MARK: Pages

    private func home() -> RenderedPage {
        let path = SitePath.home
        let letters = documents(of: .letter).sorted { ($0.date, $0.path) > ($1.date, $1.path) }
        let consultations: [[String: Any]] = letters.map { letter in
            var entry = summary(of: letter, from: path)
            let enclosures = enclosureEntries(of: letter, from: path)
            entry["enclosures"] = enclosures
            entry["hasEnclosures"] = !enclosures.isEmpty
            entry["fromName"] = letter.letter?.from.name ?? ""
            entry["toName"] = letter.letter?.to.name ?? ""
            return entry
        }
        let program = site.documents.filter { $0.kind == .qa || $0.kind == .article }.map { summary(of: $0, from: path) }
        let kinds: [[String: Any]] = DocumentKind.allCases.compactMap { kind in
            let count = documents(of: kind).count
            guard count > 0 else { return nil }
            return ["href": SitePath.link(from: path, to: SitePath.listing(kind)), "title": kind.pluralTitle, "count": count]
        }
        let content = theme.render("home", [
            "siteTitle": site.config.title, "siteDescription": site.config.description,
            "consultations": consultations, "program": program, "hasProgram": !program.isEmpty, "kinds": kinds,
        ])
        return wrap(content, path: path, title: site.config.title, description: site.config.description, bodyClass: "home", isHome: true)
    }

    private func listing(_ kind: DocumentKind) -> RenderedPage {
        let path = SitePath.listing(kind)
        let sorted = documents(of: kind).sorted { a, b in
            if kind == .position {
                return (a.position!.occupationCode, a.position!.version) < (b.position!.occupationCode, b.position!.version)
            }
            return (a.date, a.path) > (b.date, b.path)
        }
        let content = theme.render("listing", [
            "title": kind.pluralTitle, "documents": sorted.map { summary(of: $0, from: path) },
        ])
        return wrap(
            content, path: path, title: kind.pluralTitle,
            description: "\(kind.pluralTitle) published on the \(site.config.title).",
            bodyClass: "listing", currentListing: kind)
    }

    private func page(for document: ContentDocument) -> RenderedPage {
        let path = document.outputPath
        let body = bodies[document.path]!
        var context = summary(of: document, from: path)
        context["body"] = body.html
        context["intro"] = body.intro
        context["sourceNote"] = document.sourceDate.map { "Source \($0); added to the portal \(DateText.long(document.date))." }
        let sections: [[String: Any]] = body.sections.enumerated().map { index, section in
            ["id": section.id, "title": section.title, "titleHTML": section.titleHTML, "html": section.html,
             "number": index + 1, "count": body.sections.count]
        }
        context["sections"] = sections
        context["hasContents"] = sections.count > 2
        if let consultation = document.consultation.flatMap(site.document(at:)) {
            context["consultation"] = ["href": SitePath.link(from: path, to: consultation.outputPath), "title": consultation.title]
        }
        switch document.kind {
        case .letter:
            let letter = document.letter!
            let enclosures = enclosureEntries(of: document, from: path)
            context["enclosures"] = enclosures
            context["hasEnclosures"] = !enclosures.isEmpty
            context["from"] = person(letter.from)
            context["to"] = person(letter.to)
            context["statute"] = letter.statute
            context["contact"] = letter.contact
            context["salutation"] = letter.salutation
            context["closing"] = letter.closing
            context["tracking"] = letter.tracking
        case .position:
            let position = document.position!
            context["versionLabel"] = position.version == .current ? "Current" : "Proposed"
            context["bargainingUnit"] = position.bargainingUnit
            context["otherVersions"] = site.documents
                .filter { $0.position?.occupationCode == position.occupationCode && $0.path != document.path }
                .map { other -> [String: Any] in
                    ["href": SitePath.link(from: path, to: other.outputPath),
                     "label": "\(other.position!.version == .current ? "Current" : "Proposed") version, \(DateText.long(other.date))"]
                }
        default:
            break
        }
        let content = theme.render(document.kind.rawValue, context)
        let description = document.summary ?? String(body.text.prefix(155))
        return wrap(content, path: path, title: pageTitle(of: document), description: description,
                    bodyClass: document.kind.rawValue, currentListing: document.kind, breadcrumbs: [listingCrumb(document.kind, from: path)])
    }

    // MARK: Pieces

    private func wrap(
        _ content: String, path: String, title: String, description: String, bodyClass: String,
        isHome: Bool = false, currentListing: DocumentKind? = nil, breadcrumbs: [[String: Any]] = []
    ) -> RenderedPage {
        let nav: [[String: Any]] = [["href": SitePath.link(from: path, to: SitePath.home), "label": "Home", "current": isHome]]
            + DocumentKind.allCases.filter { !documents(of: $0).isEmpty }.map { kind in
                ["href": SitePath.link(from: path, to: SitePath.listing(kind)), "label": kind.pluralTitle,
                 "current": path == SitePath.listing(kind)]
            }
        let crumbs = isHome ? [] : [["href": SitePath.link(from: path, to: SitePath.home), "label": "Home"]] + breadcrumbs
        let html = theme.render("layout", [
            "root": SitePath.root(from: path), "siteTitle": site.config.title, "siteDescription": site.config.description,
            "pageTitle": title, "description": description, "isHome": isHome, "bodyClass": bodyClass,
            "nav": nav, "breadcrumbs": crumbs, "hasBreadcrumbs": !crumbs.isEmpty, "content": content,
        ])
        return RenderedPage(path: path, html: html)
    }

    private func listingCrumb(_ kind: DocumentKind, from path: String) -> [String: Any] {
        ["href": SitePath.link(from: path, to: SitePath.listing(kind)), "label": kind.pluralTitle]
    }

    private func pageTitle(of document: ContentDocument) -> String {
        guard let position = document.position else { return document.title }
        return "\(document.title) (\(position.grade)), \(position.occupationCode), \(position.version.rawValue)"
    }

    /// The fields every listing shows for a document.
    private func summary(of document: ContentDocument, from path: String) -> [String: Any] {
        var entry: [String: Any] = [
            "href": SitePath.link(from: path, to: document.outputPath), "title": document.title,
            "date": document.date, "dateText": DateText.long(document.date), "kindLabel": document.kind.label,
        ]
        entry["summary"] = document.summary
        if let position = document.position {
            entry["code"] = position.occupationCode
            entry["grade"] = position.grade
            entry["version"] = position.version.rawValue
        }
        return entry
    }

    private func enclosureEntries(of letter: ContentDocument, from path: String) -> [[String: Any]] {
        (letter.letter?.enclosures ?? []).compactMap { site.document(for: $0) }.map { summary(of: $0, from: path) }
    }

    private func person(_ person: Person) -> [String: Any] {
        var entry: [String: Any] = ["name": person.name, "address": person.address]
        entry["title"] = person.title
        entry["organization"] = person.organization
        return entry
    }

    private func documents(of kind: DocumentKind) -> [ContentDocument] {
        site.documents.filter { $0.kind == kind }
    }
}
