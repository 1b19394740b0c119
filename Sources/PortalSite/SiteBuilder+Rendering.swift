import Foundation
import PortalCache
import PortalCheck
import PortalContent
import PortalOutput
import PortalPages
import PortalWork

extension SiteBuilder {
    /// What happens to each page once a generator has made it.
    enum PageHandling {
        /// Kept whole in CheckedSite/pages.
        case kept
        /// Dropped, keeping only what the checks need (PageSink).
        case dropped
        /// Written into the output's staging folder at once, then dropped; a failure to open it is
        /// reported once the content passes every check.
        case written(Result<OutputDirectory, Failure>)
    }

    /// Loads, renders and checks the whole site; the pages go where `handling` says.
    ///
    /// - Parameter incremental: for an incremental build, what the previous build left.
    func render(incremental: IncrementalBuild?, pages handling: PageHandling) throws(Failure) -> CheckedSite {
        let (site, theme) = try load(incremental: incremental)
        return try render(site, theme, incremental: incremental, pages: handling)
    }

    /// Loads and checks the content and the theme.
    func load(incremental: IncrementalBuild?) throws(Failure) -> (site: ContentSite, theme: Theme) {
        (try loadContent(incremental: incremental), try loadTheme())
    }

    /// Renders and checks every page of a loaded site.
    func render(_ site: ContentSite, _ theme: Theme, incremental: IncrementalBuild?, pages handling: PageHandling) throws(Failure)
        -> CheckedSite
    {
        var output: OutputDirectory?
        if case .written(.success(let opened)) = handling { output = opened }
        let model: SiteModel
        let sink: PageSink?
        let pages: [OutputFile]
        options.progress?(.stage("Parsing \(site.documents.count) documents"))
        do {
            model = try makeModel(site: site, theme: theme, incremental: incremental, writing: output != nil)
            output?.prepareForPages()
            if case .kept = handling {
                sink = nil
            } else {
                sink = PageSink(output: output, anchorTargets: model.links.fragmentTargets)
                model.sink = sink
            }
            options.progress?(.stage(output != nil ? "Rendering and writing pages" : "Rendering pages"))
            pages = try generatePages(model)
            model.warnings += try checkPages(pages, model: model)
        } catch {
            throw .diagnostics(error)
        }
        if case .written(.failure(let failure)) = handling { throw failure }
        if let failure = sink?.failure {
            throw .output("cannot write \(options.outputDirectory.path): \(failure.localizedDescription)")
        }
        model.sink = nil
        var checked = CheckedSite(site: site, theme: theme, pages: pages, warnings: (site.warnings + model.warnings).sorted())
        checked.model = model
        return checked
    }

    /// Loads and checks Content/; for an incremental build, with the documents the previous build decoded.
    private func loadContent(incremental: IncrementalBuild?) throws(Failure) -> ContentSite {
        options.progress?(.stage("Loading content"))
        do {
            var loader = ContentLoader(directory: options.contentDirectory, displayRoot: options.contentDisplayRoot, jobs: jobs)
            loader.minimumStampAge = options.minimumStampAge
            // The cache's decoded documents are read on another core while the loader lists and stats the files.
            let knownReading = incremental.map { incremental in
                let (documents, globalKey) = (incremental.documents, incremental.globalKey)
                return BackgroundWork(jobs: loader.jobs) { documents.loadDocuments(globalKey: globalKey) }
            }
            if let knownReading { loader.knownDocumentsLoading = { knownReading.result() } }
            var site = try loader.load()
            if let incremental, let knownReading { incremental.knownDocuments = knownReading.result() }
            if let baseURL = options.baseURL { site.config.baseURL = baseURL }
            site.warnings = (site.warnings + publishingWarnings(site, displayRoot: loader.displayRoot)).sorted()
            return site
        } catch {
            throw .diagnostics(error)
        }
    }

    private func loadTheme() throws(Failure) -> Theme {
        do {
            return try Theme.load(from: options.themeDirectory, displayRoot: options.themeDirectory.lastPathComponent)
        } catch {
            throw .diagnostics(error)
        }
    }

    /// Parses every body (or takes it from the cache) and makes the model the generators share.
    ///
    /// A build that writes and keeps no cache spills bodies to a file that leaves nothing behind.
    private func makeModel(site: ContentSite, theme: Theme, incremental: IncrementalBuild?, writing: Bool) throws(Diagnostics)
        -> SiteModel
    {
        let spillFolder = options.outputDirectory.standardizedFileURL.deletingLastPathComponent()
        let model = try SiteModel(
            site: site, theme: theme, jobs: jobs, dateEnvironment: dateEnvironment, cache: incremental?.bodyCache,
            transientSpill: writing ? { BodySpill(directory: spillFolder, contextKey: 0, named: false) } : nil)
        model.offersOfflineBundle = options.offlineBundle
        if let incremental {
            incremental.memo.start(globalKey: incremental.globalKey, site: site, siteKey: model.siteKey)
            model.memo = incremental.memo
        }
        return model
    }

    /// Runs every generator, side by side, and the sitemap; the pages come back in the listed order.
    private func generatePages(_ model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        let work = ParallelWork(jobs: jobs)
        // Generators only read the model, so they run side by side; their pages keep the listed order.
        let started = work.map(PageGenerators.startOrder) { position in
            let generator = PageGenerators.all[position]
            return Result { () throws(Diagnostics) in
                guard let unit = generator.memoUnit else { return try generator.pages(for: model) }
                return try model.memoized(unit) { () throws(Diagnostics) in try generator.pages(for: model) }
            }
        }
        var pages: [OutputFile] = []
        for result in zip(PageGenerators.startOrder, started).sorted(by: { $0.0 < $1.0 }).map(\.1) {
            pages += try result.get()
        }
        pages += Sitemap.files(for: pages, model: model)
        // The generators' memoized units are taken already; this takes the sitemap and any other file.
        if let sink = model.sink { pages = sink.take(pages) }
        return pages
    }

    /// Checks links and output paths over every page, one check per core; returns the links' warnings.
    private func checkPages(_ pages: [OutputFile], model: SiteModel) throws(Diagnostics) -> [Diagnostic] {
        let (site, assets) = (model.site, model.theme.assets)
        let checks = ParallelWork(jobs: 2).map([true, false]) { linkCheck -> Result<[Diagnostic], Diagnostics> in
            Result { () throws(Diagnostics) in
                if linkCheck { return try LinkCheck.check(model.links, pages: pages, assets: assets) }
                try OutputPathCheck.check(pages: pages, assets: assets, site: site)
                return []
            }
        }
        let warnings = try checks[0].get()
        _ = try checks[1].get()
        return warnings
    }
}
