import Foundation
import Mustache
import PortalBytes
import PortalCharts
import PortalContent
import PortalRedline
import PortalRender
import PortalSearch
import PortalWork
import StaffingModel

/// What every page generator shares: the checked content, the theme, and each document's rendered body.
///
/// Bodies are parsed with cmark-gfm once each, here; generators only compose
/// templates from them, so adding a page family never parses twice.
package final class SiteModel: @unchecked Sendable {
    package let site: ContentSite
    package let theme: Theme
    /// Every page's menu asks which kinds exist, so the grouping is made once.
    private let documentsByKind: [DocumentKind: [ContentDocument]]
    /// The build's "today" (``BuildDate``), worked out once so that every page states the same day.
    package let today: CivilDate
    package let staffing: StaffingBlocks
    /// The abbreviations of `Content/data/glossary.yaml`; empty when the site has none.
    package let glossary: Glossary
    /// Rendered bodies, read from the build cache on first use for documents not rendered in this build.
    private let bodies: BodyStore
    /// What each body's rendering found, by document path.
    package let facts: [String: DocumentFacts]
    /// Bodies rendered in this build, for the build cache; empty when they were spilled.
    package let renderedBodies: [(path: String, sourceHash: UInt64, body: RenderedBody)]
    /// Where this build's bodies went instead of memory, when every body was rendered.
    package let spill: (any BodySpilling)?
    /// Each document's search terms, kept by the build cache (see ``SearchPages``).
    package let searchTermStore: SearchTermStore
    /// Where the cache's pack holds each body taken from it (offset, length), for saving the index again.
    package let cachedBodyPlaces: [String: (offset: UInt64, length: UInt64)]
    /// Whether every body came from the cache, which then needs no update.
    package let bodiesAllFromCache: Bool
    /// The key the build cache files bodies under; nil without a cache.
    package let documentContextKey: UInt64?
    /// Warnings found while rendering; generators may add their own.
    package var warnings: [Diagnostic] = []
    /// The links authors wrote, `.md` ones rewritten to pages; checked once every page exists.
    package let links: InternalLinks
    /// Occupation codes: the catalog, every mention with its anchor, and the redlines.
    package let codes: OccupationCodeIndex
    /// Which letters and responses link each letter, for its "Cited by" list.
    package let citations: Citations
    /// Everything a page may show other than document bodies, hashed: see ``PageMemo``.
    package let siteKey: UInt64
    /// Whether this build writes the whole-site offline bundle, so that the home page links it; only the home page's unit
    /// depends on it, through its extra key.
    package var offersOfflineBundle = false
    /// Set for an incremental build; units of pages then come from the previous build when they can.
    package var memo: (any PageReuse)?
    /// Where finished units of pages go as soon as they are rendered, so their text is not all held at once;
    /// nil keeps every page whole.
    package var sink: (any PageTaker)?
    /// The main menu, rendered once per depth and marked entry.
    package let navigation = MainMenu()
    /// Each model's score chart, drawn once: the staffing page and every dossier that names the model show it.
    package let scoreCharts = BuildMemo<String, ScoreChart?>()
    /// Each complement's chart, drawn once.
    package let complementCharts = BuildMemo<String, ComplementChart?>()
    /// Threads for the generators' own parallel maps: the build's thread count, so that one job makes a serial build.
    package let jobs: Int

    /// - Parameters:
    ///   - jobs: threads that render bodies and make pages; 1 does everything in order on this thread.
    ///   - cache: for an incremental build; documents whose source is unchanged are not parsed again.
    ///   - dateEnvironment: where `SOURCE_DATE_EPOCH` is read for the build's day (``BuildDate``).
    ///   - transientSpill: without a cache, where rendered bodies may go instead of memory; nil keeps them in memory.
    package init(
        site: ContentSite, theme: Theme, jobs: Int = ParallelWork.defaultJobs,
        dateEnvironment: [String: String] = ProcessInfo.processInfo.environment, cache: (any BodyCache)? = nil,
        transientSpill: (() -> (any BodySpilling)?)? = nil
    ) throws(Diagnostics) {
        self.site = site
        self.theme = theme
        self.jobs = max(1, jobs)
        let today = BuildDate.today(environment: dateEnvironment)
        self.today = today
        let contextKey = cache.map { Self.documentContextKey(site: site, today: today, globalKey: $0.globalKey) }
        documentContextKey = contextKey
        // Started first, so that it reads or tokenizes on the other core while this one makes the model.
        searchTermStore = Self.searchTermStore(site: site, jobs: jobs, cache: cache, contextKey: contextKey)
        documentsByKind = Dictionary(grouping: site.documents, by: \.kind)
        glossary = Glossary.load(from: site).glossary
        let staffing = try StaffingBlocks(site: site)
        self.staffing = staffing
        let links = InternalLinks(site: site)
        self.links = links
        let pass = BodyPass(site: site, staffing: staffing, links: links)
        let previous = cache.flatMap { cache in contextKey.map { cache.load(contextKey: $0) } } ?? [:]
        // When every body renders, each goes to a file as it is made instead of staying in memory:
        // the cache's new pack, or a file that leaves nothing behind.
        let spill: (any BodySpilling)?
        if !previous.isEmpty || site.documents.isEmpty {
            spill = nil
        } else if let cache, let contextKey {
            spill = cache.makeSpill(contextKey: contextKey)
        } else {
            spill = transientSpill?()
        }
        self.spill = spill
        let folded = try BodyPass.fold(
            pass.outcomes(of: site.documents, previous: previous, spill: spill, jobs: jobs), of: site.documents)
        facts = folded.facts
        renderedBodies = folded.renderedBodies
        bodiesAllFromCache = folded.renderedBodies.isEmpty && spill == nil && previous.count == site.documents.count
        // A cached body that cannot be read is rendered again; it comes out the same.
        let cachedEntries = previous.filter { folded.cachedBodies.contains($0.key) }
        cachedBodyPlaces = cachedEntries.mapValues { ($0.bodyOffset, $0.bodyLength) }
        bodies = Self.bodyStore(folded, site: site, pass: pass, spill: spill, cache: cache, contextKey: contextKey, cached: cachedEntries)
        for document in site.documents { links.add(folded.facts[document.path]!.links) }
        codes = Self.codeIndex(site: site, pass: pass, folded: folded)
        citations = Citations(site: site) { folded.facts[$0]?.links ?? [] }
        warnings += codes.warnings
        // Citations come from bodies, which the site key otherwise leaves to each page's own dependencies.
        siteKey = citations.hashed(with: Self.siteKey(site: site, today: today, codes: codes, facts: folded.facts))
        // Every body is parsed (or its parse is cached); sources are read again only to quote a line in
        // an error or to render a body whose cached copy is unreadable.
        for document in site.documents { document.releaseBody() }
    }

    /// The search terms of every document, read from the cache or tokenized, and saved back to it.
    private static func searchTermStore(site: ContentSite, jobs: Int, cache: (any BodyCache)?, contextKey: UInt64?) -> SearchTermStore {
        SearchTermStore(
            documents: site.documents, jobs: jobs,
            load: { cache.flatMap { cache in contextKey.flatMap { cache.loadSearchTerms(contextKey: $0) } } },
            save: cache.flatMap { cache in
                contextKey.map { contextKey -> @Sendable (SearchTermStore.Changes) -> Void in
                    // The cache only saves time: when it cannot be written, the next build tokenizes every body.
                    { changes in try? cache.saveSearchTerms(changes, contextKey: contextKey) }
                }
            })
    }

    /// Where pages find bodies: those rendered now, the spill file, the cache, or a render again as a last resort.
    private static func bodyStore(
        _ folded: BodyPass.Folded, site: ContentSite, pass: BodyPass, spill: (any BodySpilling)?, cache: (any BodyCache)?,
        contextKey: UInt64?, cached cachedEntries: [String: CachedBody]
    ) -> BodyStore {
        BodyStore(rendered: folded.rendered, keepsRead: spill == nil, cached: { path in
            if let spill { return spill.body(path) }
            guard let entry = cachedEntries[path], let cache, let contextKey else { return nil }
            return cache.body(path: path, entry: entry, contextKey: contextKey)
        }) { path in
            guard let document = site.document(at: path), case .success(let result) = pass.render(document) else {
                preconditionFailure("\(path) rendered once in this build but not again")
            }
            return result.body
        }
    }

    /// Occupation codes: the catalog, every mention with its anchor, and the redlines' sections.
    private static func codeIndex(site: ContentSite, pass: BodyPass, folded: BodyPass.Folded) -> OccupationCodeIndex {
        let (facts, positionSections) = (folded.facts, folded.positionSections)
        return OccupationCodeIndex(
            catalog: pass.codeLinks.catalog,
            mentions: site.documents.flatMap { facts[$0.path]!.mentions },
            anchors: facts.mapValues(\.anchors),
            positionSections: { path in
                if let found = positionSections[path] { return found }
                guard let document = site.document(at: path), case .success(let result) = pass.render(document) else { return nil }
                return pass.sections(document, result.markdown)
            },
            warnings: site.documents.flatMap { facts[$0.path]!.warnings })
    }

    /// Everything a body's rendering depends on besides its own source: the other documents'
    /// front matter (link targets, the code catalog), the data files, the build date and the binary.
    private static func documentContextKey(site: ContentSite, today: CivilDate, globalKey: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.combine(globalKey)
        hash.combine(today.description)
        hash.combine(dataFiles: site.dataFiles)
        for document in site.documents {
            hash.combine(document.displayPath)
            hash.combine(document.frontMatterHash)
        }
        return hash.value
    }

    /// A document's tokenized search terms, for a builder made by ``SearchTermStore/makeBuilder()``;
    /// the caller must note the dependency on the document itself.
    package func searchTerms(of document: ContentDocument) -> SearchTermStore.Terms {
        searchTermStore.terms(of: document) { SearchDocumentTerms(SearchPages.searchDocument(document, self)) }
    }

    /// The info strings of a document's generated blocks; part of the site key, so reading them records no dependency.
    package func generatedBlocks(of document: ContentDocument) -> [String] {
        facts[document.path]?.generatedBlocks ?? []
    }

    /// A document's rendered body; the page unit being rendered now depends on that document.
    package func body(of document: ContentDocument) -> RenderedBody {
        DependencyRecorder.note(document.path)
        return bodies.body(document.path)
    }

    /// The redline of `code`'s current and proposed versions; the unit being rendered now depends on both.
    package func redline(for code: String) -> PositionRedline? {
        guard let redline = codes.redline(for: code) else { return nil }
        if let entry = codes.catalog[code] {
            DependencyRecorder.note([entry.current?.path, entry.proposed?.path].compactMap { $0 })
        }
        return redline
    }

    /// The files of one unit of pages, reused from the previous build when nothing they read has changed.
    /// With a ``sink`` they go to it at once, and only their paths come back.
    package func memoized<E: Error>(_ unit: String, extraKey: UInt64 = 0, _ render: () throws(E) -> [OutputFile]) throws(E) -> [OutputFile] {
        let files = if let memo { try memo.files(unit: unit, extraKey: extraKey, render) } else { try render() }
        return sink?.take(files) ?? files
    }

    /// One page, reused from the previous build when nothing it read has changed.
    package func memoized(_ path: String, _ render: () -> OutputFile) -> OutputFile {
        memoized(path) { () -> [OutputFile] in [render()] }[0]
    }

    /// The hash of everything but bodies that pages show: configuration, build date, data files,
    /// every document's front matter, and every code mention with its context and anchor.
    ///
    /// Inputs go in whole, never field by field, so that a field added to them later is covered without
    /// anyone remembering this list: the decoded configuration with every stored property (its reflection),
    /// each data file's text, each document's whole front matter (`frontMatterHash`, of its text).
    /// `StalePageTests` changes every value of those files and fails when a reused page comes out stale.
    private static func siteKey(site: ContentSite, today: CivilDate, codes: OccupationCodeIndex, facts: [String: DocumentFacts]) -> UInt64 {
        var hash = StableHash()
        hash.combine(String(reflecting: site.config))
        hash.combine(today.description)
        hash.combine(dataFiles: site.dataFiles)
        for document in site.documents {
            hash.combine(document.path)
            hash.combine(document.frontMatterHash)
            for info in facts[document.path]?.generatedBlocks ?? [] { hash.combine(info) }
            hash.combine(-1)
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
            // New, revised or unchanged compares the two versions' bodies, so a body edit can change it.
            // The raw value is the case's name, as interpolating it gave, without a reflection per code.
            hash.combine(codes.catalog[code]?.status.rawValue ?? "")
        }
        return hash.value
    }

    // MARK: Pieces

    package func wrap(
        _ content: String, path: String, title: String, description: String, bodyClass: String,
        isHome: Bool = false, currentListing: DocumentKind? = nil, breadcrumbs: [[String: Any]] = [], root: String? = nil
    ) -> OutputFile {
        // `root` is what leads from the page to the site's top: relative by default, the address for 404.html.
        let root = root ?? SitePath.root(from: path)
        let crumbs = isHome ? [] : [["href": root + SitePath.home, "label": "Home"]] + breadcrumbs
        let html = theme.render("layout", [
            "root": root, "siteTitle": site.config.title, "siteDescription": site.config.description,
            "pageTitle": title, "description": description, "isHome": isHome, "bodyClass": bodyClass,
            "navigation": navigation.html(for: path, isHome: isHome, root: root, model: self),
            "breadcrumbs": crumbs, "hasBreadcrumbs": !crumbs.isEmpty, "content": content,
        ])
        return OutputFile(path: path, contents: html)
    }

    /// The main menu (`nav.mustache`) as each page shows it, rendered once per way it can look.
    ///
    /// The menu's links depend only on how deep the page is, and its marked entry on which menu page it
    /// is, so however many pages there are, a few dozen renderings of it serve them all.
    package final class MainMenu: @unchecked Sendable {
        private let lock = NSLock()
        private var rendered: [String: String] = [:]
        /// The entries' targets and labels, in menu order; made once, since a page family only shows when it has pages.
        private var entries: [(path: String, label: String)]?

        package func html(for path: String, isHome: Bool, root: String, model: SiteModel) -> String {
            lock.lock()
            defer { lock.unlock() }
            let entries = self.entries ?? Self.entries(model)
            self.entries = entries
            // Home is marked on the home page; any other entry on the page it names.
            let current = isHome ? 0 : entries.indices.dropFirst().first { entries[$0].path == path }
            let key = "\(root) \(current ?? -1)"
            if let html = rendered[key] { return html }
            let nav: [[String: Any]] = entries.enumerated().map { index, entry in
                ["href": root + entry.path, "label": entry.label, "current": index == current]
            }
            let html = model.theme.render("nav", ["nav": nav, "root": root])
            rendered[key] = html
            return html
        }

        private static func entries(_ model: SiteModel) -> [(path: String, label: String)] {
            [(SitePath.home, "Home")]
                + DocumentKind.allCases.filter { !model.documents(of: $0).isEmpty }.map { (SitePath.listing($0), $0.pluralTitle) }
                + Navigation.extra.filter { $0.isShown(model) }.map { ($0.path, $0.label) }
        }
    }

    package func listingCrumb(_ kind: DocumentKind, from path: String) -> [String: Any] {
        ["href": SitePath.link(from: path, to: SitePath.listing(kind)), "label": kind.pluralTitle]
    }

    package func pageTitle(of document: ContentDocument) -> String {
        guard let position = document.position else { return document.title }
        return "\(document.title) (\(position.grade)), \(position.occupationCode), \(position.version.rawValue)"
    }

    /// The fields every listing shows for a document.
    package func summary(of document: ContentDocument, from path: String) -> [String: Any] {
        var entry: [String: Any] = [
            "href": SitePath.link(from: path, to: document.outputPath), "title": document.title,
            "date": document.date, "dateText": DateText.long(document.date), "kindLabel": document.kind.label,
        ]
        entry["summary"] = document.summary
        if let position = document.position {
            entry["code"] = position.occupationCode
            // Every described code has a page (``OccupationCodePages``).
            entry["codeHref"] = SitePath.link(from: path, to: OccupationCodeIndex.pagePath(position.occupationCode))
            entry["grade"] = position.grade
            entry["version"] = position.version.rawValue
        }
        return entry
    }

    package func enclosureEntries(of letter: ContentDocument, from path: String) -> [[String: Any]] {
        (letter.letter?.enclosures ?? []).compactMap { site.document(for: $0) }.map { summary(of: $0, from: path) }
    }

    /// A letter's own fields for the templates: sender, addressee, statute and the letter's set phrases.
    package func letterFields(_ letter: LetterFields) -> [String: Any] {
        var context: [String: Any] = ["from": person(letter.from), "to": person(letter.to), "statute": letter.statute]
        context["contact"] = letter.contact
        context["salutation"] = letter.salutation
        context["closing"] = letter.closing
        context["tracking"] = letter.tracking
        return context
    }

    package func person(_ person: Person) -> [String: Any] {
        var entry: [String: Any] = ["name": person.name, "address": person.address]
        entry["title"] = person.title
        entry["organization"] = person.organization
        return entry
    }

    package func documents(of kind: DocumentKind) -> [ContentDocument] {
        documentsByKind[kind] ?? []
    }
}

extension StableHash {
    /// Every data file, name and text, in name order.
    package mutating func combine(dataFiles: [String: String]) {
        for name in dataFiles.keys.sorted() {
            combine(name)
            combine(dataFiles[name]!)
        }
    }
}
