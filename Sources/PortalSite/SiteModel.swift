import PortalContent
import PortalMarkdown
import StaffingModel

/// What every page generator shares: the checked content, the theme, and each document's rendered body.
///
/// Bodies are parsed with cmark-gfm once each, here; generators only compose
/// templates from them, so adding a page family never parses twice.
final class SiteModel: @unchecked Sendable {
    let site: ContentSite
    let theme: Theme
    /// Every page's menu asks which kinds exist, so the grouping is made once.
    private let documentsByKind: [DocumentKind: [ContentDocument]]
    /// The build's "today" (``BuildDate``), worked out once: it reads every document's date.
    let today: CivilDate
    let staffing: StaffingBlocks
    /// Rendered bodies by document path.
    let bodies: [String: RenderedBody]
    /// Warnings found while rendering; generators may add their own.
    var warnings: [Diagnostic] = []
    /// The links authors wrote, `.md` ones rewritten to pages; checked once every page exists.
    let links: InternalLinks
    /// Occupation codes: the catalog, every mention with its anchor, and the redlines.
    let codes: OccupationCodeIndex
    /// Everything a page may show other than document bodies, hashed: see ``PageMemo``.
    let siteKey: UInt64
    /// Set for an incremental build; units of pages then come from the previous build when they can.
    var memo: PageMemo?

    /// - Parameter jobs: threads that render bodies; 1 renders them in order on this thread.
    init(site: ContentSite, theme: Theme, jobs: Int = ParallelWork.defaultJobs) throws(Diagnostics) {
        self.site = site
        self.theme = theme
        documentsByKind = Dictionary(grouping: site.documents, by: \.kind)
        today = BuildDate.today(for: site)
        let staffing = try StaffingBlocks(site: site)
        self.staffing = staffing
        let links = InternalLinks(site: site)
        self.links = links
        let renderer = BodyRenderer { info, literal throws(BodyRenderer.FencedBlockError) in
            try staffing.render(info: info, literal: literal)
        }
        var bodies: [String: RenderedBody] = [:]
        var diagnostics: [Diagnostic] = []
        let codeLinks = OccupationCodeLinks(catalog: OccupationCatalog(site: site))
        // Bodies render on every core (see ParallelWork); results are folded in document order.
        let rendered = ParallelWork(jobs: jobs).map(site.documents) { document -> Result<RenderedBody, Diagnostics> in
            let parser = MarkdownParser(linker: codeLinks.linker(for: document), linkRewriter: links.rewriter(for: document))
            let markdown = parser.parse(document.body)
            return Result { () throws(Diagnostics) in
                try renderer.render(markdown, of: document, anchoring: codeLinks.record(markdown, of: document))
            }
        }
        for (document, result) in zip(site.documents, rendered) {
            switch result {
            case .success(let body): bodies[document.path] = body
            case .failure(let error): diagnostics += error.items
            }
        }
        if !diagnostics.isEmpty { throw Diagnostics(diagnostics) }
        self.bodies = bodies
        codes = codeLinks.finish(bodies: bodies)
        warnings += codes.warnings
        siteKey = Self.siteKey(site: site, today: today, codes: codes)
    }

    /// A document's rendered body; the page unit being rendered now depends on that document.
    func body(of document: ContentDocument) -> RenderedBody {
        DependencyRecorder.note(document.path)
        return bodies[document.path]!
    }

    /// The redline of `code`'s current and proposed versions; the unit being rendered now depends on both.
    func redline(for code: String) -> PositionRedline? {
        guard let redline = codes.redline(for: code) else { return nil }
        if let entry = codes.catalog[code] {
            DependencyRecorder.note([entry.current?.path, entry.proposed?.path].compactMap { $0 })
        }
        return redline
    }

    /// The files of one unit of pages, reused from the previous build when nothing they read has changed.
    func memoized<E: Error>(_ unit: String, _ render: () throws(E) -> [OutputFile]) throws(E) -> [OutputFile] {
        guard let memo else { return try render() }
        return try memo.files(unit: unit, render)
    }

    /// One page, reused from the previous build when nothing it read has changed.
    func memoized(_ path: String, _ render: () -> OutputFile) -> OutputFile {
        memoized(path) { () -> [OutputFile] in [render()] }[0]
    }

    /// The hash of everything but bodies that pages show: configuration, build date, data files,
    /// every document's front matter, and every code mention with its context and anchor.
    private static func siteKey(site: ContentSite, today: CivilDate, codes: OccupationCodeIndex) -> UInt64 {
        var hash = StableHash()
        hash.combine(site.config.title)
        hash.combine(site.config.description)
        hash.combine(site.config.baseURL)
        hash.combine(today.description)
        for name in site.dataFiles.keys.sorted() {
            hash.combine(name)
            hash.combine(site.dataFiles[name]!)
        }
        for document in site.documents {
            hash.combine(document.path)
            hash.combine(document.frontMatterHash)
        }
        for code in codes.codes {
            hash.combine(code)
            for reference in codes.references[code] ?? [] {
                let mention = reference.mention
                hash.combine(mention.documentPath)
                hash.combine(mention.placeLine)
                hash.combine(mention.context)
                hash.combine(mention.fileLine)
                hash.combine(mention.column)
                hash.combine(reference.anchor ?? "")
            }
            hash.combine(codes.revisedCodes.contains(code) ? 1 : 0)
        }
        return hash.value
    }

    // MARK: Pieces

    func wrap(
        _ content: String, path: String, title: String, description: String, bodyClass: String,
        isHome: Bool = false, currentListing: DocumentKind? = nil, breadcrumbs: [[String: Any]] = []
    ) -> OutputFile {
        let nav: [[String: Any]] = [["href": SitePath.link(from: path, to: SitePath.home), "label": "Home", "current": isHome]]
            + DocumentKind.allCases.filter { !documents(of: $0).isEmpty }.map { kind in
                ["href": SitePath.link(from: path, to: SitePath.listing(kind)), "label": kind.pluralTitle,
                 "current": path == SitePath.listing(kind)]
            }
            + Navigation.extra.filter { $0.isShown(self) }.map { entry in
                ["href": SitePath.link(from: path, to: entry.path), "label": entry.label, "current": path == entry.path]
            }
        let crumbs = isHome ? [] : [["href": SitePath.link(from: path, to: SitePath.home), "label": "Home"]] + breadcrumbs
        let html = theme.render("layout", [
            "root": SitePath.root(from: path), "siteTitle": site.config.title, "siteDescription": site.config.description,
            "pageTitle": title, "description": description, "isHome": isHome, "bodyClass": bodyClass,
            "nav": nav, "breadcrumbs": crumbs, "hasBreadcrumbs": !crumbs.isEmpty, "content": content,
        ])
        return OutputFile(path: path, contents: html)
    }

    func listingCrumb(_ kind: DocumentKind, from path: String) -> [String: Any] {
        ["href": SitePath.link(from: path, to: SitePath.listing(kind)), "label": kind.pluralTitle]
    }

    func pageTitle(of document: ContentDocument) -> String {
        guard let position = document.position else { return document.title }
        return "\(document.title) (\(position.grade)), \(position.occupationCode), \(position.version.rawValue)"
    }

    /// The fields every listing shows for a document.
    func summary(of document: ContentDocument, from path: String) -> [String: Any] {
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

    func enclosureEntries(of letter: ContentDocument, from path: String) -> [[String: Any]] {
        (letter.letter?.enclosures ?? []).compactMap { site.document(for: $0) }.map { summary(of: $0, from: path) }
    }

    /// A letter's own fields for the templates: sender, addressee, statute and the letter's set phrases.
    func letterFields(_ letter: LetterFields) -> [String: Any] {
        var context: [String: Any] = ["from": person(letter.from), "to": person(letter.to), "statute": letter.statute]
        context["contact"] = letter.contact
        context["salutation"] = letter.salutation
        context["closing"] = letter.closing
        context["tracking"] = letter.tracking
        return context
    }

    func person(_ person: Person) -> [String: Any] {
        var entry: [String: Any] = ["name": person.name, "address": person.address]
        entry["title"] = person.title
        entry["organization"] = person.organization
        return entry
    }

    func documents(of kind: DocumentKind) -> [ContentDocument] {
        documentsByKind[kind] ?? []
    }
}
