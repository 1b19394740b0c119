import Foundation
import PortalBundle
import PortalCache
import PortalCheck
import PortalContent
import PortalMarkdown
import PortalOutput
import PortalPages
import PortalRender
import PortalSearch
import PortalWork
import StaffingModel

/// Builds the site: content in, checked pages out. This type reads like the pipeline.
///
/// 1. Load and check Content/ (front matter, references, data files).
/// 2. Load the theme's templates, parsed once.
/// 3. Parse every body with cmark-gfm and render generated blocks.
/// 4. Run the page generators; a build writes each page into a staging folder
///    beside the output as soon as it is made (``PageSink``), so the pages'
///    text is never all held at once.
/// 5. Check links and output paths over every page; only when nothing failed,
///    swap the staging folder in for the output.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var contentDirectory: URL
        public var themeDirectory: URL
        public var outputDirectory: URL
        /// How the content folder appears in diagnostics, e.g. `Content`.
        public var contentDisplayRoot: String?
        /// Threads for rendering bodies and running generators; nil uses `PORTAL_JOBS` or every core.
        /// Any value gives byte-identical output.
        public var jobs: Int?
        /// Whether to write the offline bundle, a ZIP of the whole site (`OfflineBundle`); on by default.
        public var offlineBundle = true
        /// Told what the build is doing, for a progress display; called on the building thread.
        public var progress: (@Sendable (BuildProgress) -> Void)?
        /// Where ``build()`` keeps what the next build needs to reuse unchanged pages
        /// (``BuildCache/defaultDirectory(for:)`` is the usual place); nil renders every page every time.
        public var cacheDirectory: URL?
        /// Forget the cache before building, so every page is rendered; a new cache is still written.
        public var clean = false
        /// Build even where something the portal did not make is in the way, moving it aside (``OutputClaim``).
        public var force = false
        /// How the output folder appears in messages, e.g. `Public`; by default its path.
        public var outputDisplayPath: String?
        /// Leave what ``SiteBuilder/build()`` made allocated when it returns, for a process that exits right after
        /// (`portal build`): freeing it object by object took about 0.1 s of a one-document rebuild at 10,000
        /// documents, which the end of the process does at once. Never for a process that builds again.
        public var keepsMemoryUntilExit = false
        /// ``ContentLoader/minimumStampAge``: how old a source's times must be, in seconds, for the next build
        /// to trust them instead of reading the file again. Tests set 0.
        public var minimumStampAge: Double = 2

        public init(contentDirectory: URL, themeDirectory: URL, outputDirectory: URL, contentDisplayRoot: String? = nil) {
            self.contentDirectory = contentDirectory
            self.themeDirectory = themeDirectory
            self.outputDirectory = outputDirectory
            self.contentDisplayRoot = contentDisplayRoot
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        /// Located problems in the content or theme; nothing was written.
        case diagnostics(Diagnostics)
        /// Another build holds the output's lock.
        case locked(lockPath: String)
        /// The output could not be written.
        case output(String)
        /// The output or cache path is not the portal's to write; nothing was written.
        case refused(OutputClaim.Refusal)

        public var description: String {
            switch self {
            case .diagnostics(let diagnostics): diagnostics.items.map(\.rendered).joined(separator: "\n")
            case .locked(let path): "error: another build is writing this output (lock \(path) is held); wait for it to finish and run the build again"
            case .output(let message): "error: \(message)"
            case .refused(let refusal): refusal.description
            }
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Checks everything a build checks, without writing anything.
    ///
    /// - Parameter keepingPages: keep every page's text in ``CheckedSite/pages``, for callers that read it;
    ///   by default each page's text is dropped as soon as it is made, and the pages hold only their paths.
    public func check(keepingPages: Bool = false) throws(Failure) -> CheckedSite {
        try check(incremental: nil, pages: keepingPages ? .kept : .dropped).checked
    }

    /// What happens to each page once a generator has made it.
    enum PageHandling {
        /// Kept whole in ``CheckedSite/pages``.
        case kept
        /// Dropped, keeping only what the checks need (``PageSink``).
        case dropped
        /// Written into the output's staging folder at once, then dropped.
        case written
    }

    /// What an incremental build carries through: the previous build's page units, the body cache, the global key.
    final class Incremental {
        let memo: PageMemo
        let documents: DocumentCache
        let globalKey: UInt64
        /// The documents the previous build decoded, as handed to the loader.
        var knownDocuments: [String: ContentDocument] = [:]

        init(memo: PageMemo, documents: DocumentCache, globalKey: UInt64) {
            self.memo = memo
            self.documents = documents
            self.globalKey = globalKey
        }
    }

    /// - Parameters:
    ///   - incremental: for an incremental build, what the previous build left.
    ///   - handling: for ``PageHandling/written``, the output is opened before any page is made and returned,
    ///     its staging folder holding every page; nothing is committed. Internal for the tests.
    func check(incremental: Incremental?, pages handling: PageHandling) throws(Failure)
        -> (checked: CheckedSite, output: OutputDirectory?)
    {
        options.progress?(.stage("Loading content"))
        let site: ContentSite
        do {
            var loader = ContentLoader(
                directory: options.contentDirectory, displayRoot: options.contentDisplayRoot,
                jobs: options.jobs ?? ParallelWork.defaultJobs)
            loader.minimumStampAge = options.minimumStampAge
            // The cache's decoded documents are read on another core while the loader lists and stats the files.
            let knownReading = incremental.map { incremental in
                let (documents, globalKey) = (incremental.documents, incremental.globalKey)
                return BackgroundWork(jobs: loader.jobs) { documents.loadDocuments(globalKey: globalKey) }
            }
            if let knownReading { loader.knownDocumentsLoading = { knownReading.result() } }
            site = try loader.load()
            if let incremental, let knownReading { incremental.knownDocuments = knownReading.result() }
        } catch {
            throw .diagnostics(error)
        }
        let theme: Theme
        do {
            theme = try Theme.load(from: options.themeDirectory, displayRoot: options.themeDirectory.lastPathComponent)
        } catch {
            throw .diagnostics(error)
        }
        let model: SiteModel
        var pages: [OutputFile] = []
        var output: OutputDirectory?
        // Reported only once the content passes every check, as when the output was opened after them.
        var outputFailure: Failure?
        var sink: PageSink?
        options.progress?(.stage("Parsing \(site.documents.count) documents"))
        do {
            let work = ParallelWork(jobs: options.jobs ?? ParallelWork.defaultJobs)
            // Opened before the model is made, so that what the recycled staging folder holds is read meanwhile.
            if handling == .written {
                switch openOutput(jobs: work.jobs) {
                case .success(let opened): output = opened
                case .failure(let failure): outputFailure = failure
                }
            }
            model = try SiteModel(
                site: site, theme: theme, jobs: work.jobs,
                cache: incremental.map { DocumentBodyCache(documents: $0.documents, globalKey: $0.globalKey) },
                transientSpill: handling == .written ? { [spillFolder = options.outputDirectory.standardizedFileURL.deletingLastPathComponent()] in
                    BodySpill(directory: spillFolder, contextKey: 0, named: false)
                } : nil)
            if let incremental {
                incremental.memo.start(globalKey: incremental.globalKey, site: site, siteKey: model.siteKey)
                model.memo = incremental.memo
            }
            output?.prepareForPages()
            if handling != .kept {
                let made = PageSink(output: output, anchorTargets: model.links.fragmentTargets)
                sink = made
                model.sink = made
            }
            options.progress?(.stage(handling == .written ? "Rendering and writing pages" : "Rendering pages"))
            // Generators only read the model, so they run side by side; their pages keep the listed order.
            let started = work.map(PageGenerators.startOrder) { position in
                let generator = PageGenerators.all[position]
                return Result { () throws(Diagnostics) in
                    guard let unit = generator.memoUnit else { return try generator.pages(for: model) }
                    return try model.memoized(unit) { () throws(Diagnostics) in try generator.pages(for: model) }
                }
            }
            let generated = zip(PageGenerators.startOrder, started).sorted { $0.0 < $1.0 }.map(\.1)
            for result in generated {
                pages += try result.get()
            }
            pages += Sitemap.files(for: pages, model: model)
            // The generators' memoized units are taken already; this takes the sitemap and any other file.
            if let sink = model.sink { pages = sink.take(pages) }
            // The two checks read the same pages and nothing else the other writes: one per core.
            let checkedPages = pages
            let checks = ParallelWork(jobs: 2).map([true, false]) { linkCheck -> Result<[Diagnostic], Diagnostics> in
                Result { () throws(Diagnostics) in
                    if linkCheck { return try LinkCheck.check(model.links, pages: checkedPages, assets: theme.assets) }
                    try OutputPathCheck.check(pages: checkedPages, assets: theme.assets, site: site)
                    return []
                }
            }
            model.warnings += try checks[0].get()
            _ = try checks[1].get()
        } catch {
            throw .diagnostics(error)
        }
        if let outputFailure { throw outputFailure }
        if let failure = sink?.failure {
            throw .output("cannot write \(options.outputDirectory.path): \(failure.localizedDescription)")
        }
        model.sink = nil
        var checked = CheckedSite(site: site, theme: theme, pages: pages, warnings: (site.warnings + model.warnings).sorted())
        checked.model = model
        return (checked, output)
    }

    /// Takes the output's lock and prepares the staging folder pages are written into.
    private func openOutput(jobs: Int) -> Result<OutputDirectory, Failure> {
        do {
            return .success(try OutputDirectory(destination: options.outputDirectory, jobs: jobs))
        } catch let error as OutputDirectory.Locked {
            return .failure(.locked(lockPath: error.lockPath))
        } catch {
            return .failure(.output("cannot prepare \(options.outputDirectory.path): \(error.localizedDescription)"))
        }
    }

    /// Checks that the output is the portal's to write (``OutputClaim``), moving what is in the way aside with
    /// ``Options/force``; ``build()`` does this first, and a caller may do it earlier to report a move.
    @discardableResult
    public func claimOutput() throws(Failure) -> OutputClaim {
        do {
            var protected = OutputClaim.Protected(content: options.contentDirectory, theme: options.themeDirectory)
            protected.home = ProcessInfo.processInfo.environment["HOME"]
            return try OutputClaim.claim(
                options.outputDirectory, shown: options.outputDisplayPath ?? options.outputDirectory.path,
                protecting: protected, force: options.force)
        } catch {
            throw .refused(error)
        }
    }

    /// Builds the site into the output folder, replacing it only when the whole build succeeds.
    public func build() throws(Failure) -> BuildReport {
        let started = Date()
        try claimOutput()
        var incremental: Incremental?
        let cache = options.cacheDirectory.map(BuildCache.init(directory:))
        if let cache {
            let protected = OutputClaim.Protected(content: options.contentDirectory, theme: options.themeDirectory)
            do {
                try cache.claim(protecting: protected)
            } catch {
                throw .refused(error)
            }
            if options.clean {
                do {
                    try cache.remove()
                    // Tagged again before anything is written into it.
                    try cache.claim(protecting: protected)
                } catch {
                    throw .output("cannot remove the build cache \(cache.directory.path): \(error)")
                }
            }
            let globalKey = BuildCache.globalKey(themeDirectory: options.themeDirectory, offlineBundle: options.offlineBundle)
            incremental = Incremental(
                memo: PageMemo(
                    loading: { cache.load(globalKey: globalKey)?.units ?? [:] },
                    previousOutput: options.outputDirectory.standardizedFileURL, jobs: options.jobs ?? ParallelWork.defaultJobs),
                documents: cache.documents, globalKey: globalKey)
        }
        let (checked, staged) = try check(incremental: incremental, pages: .written)
        // A check that writes throws when the output cannot be opened, so here it is open.
        let output = staged!
        do {
            // Every page is in the staging folder already, written as it was made; the rest is quick.
            options.progress?(.stage("Finishing \(checked.pages.count) pages"))
            let theme = checked.theme
            for asset in theme.assets {
                try output.copyFile(theme.assetsDirectory.appendingPathComponent(asset), to: "assets/\(asset)")
            }
            // A recycled staging folder may still hold files this build does not write.
            let staged = checked.pages.map(\.path) + checked.theme.assets.map { "assets/\($0)" }
            // The bundle is written on one core. The other prunes the staging folder (the bundle reads only
            // the files it keeps) and saves the cache (bodies, facts and terms depend on the content alone, not
            // on this output). The record of which files each unit wrote goes to whichever core is free first:
            // the bundle is the long piece in a full build and the short one after a small edit (its unchanged
            // entries stay in place). That record is saved before the output is swapped in: should the swap
            // fail, the next build finds the old files' sizes and times in the output, not the recorded ones,
            // and renders those units again.
            enum Piece { case bundle, caches, pageRecord }
            let finished = ParallelWork(jobs: 2).map([Piece.bundle, .caches, .pageRecord]) { piece -> (any Error)? in
                do {
                    switch piece {
                    case .caches:
                        // A recycled bundle is kept to be written over (see OfflineBundle.write).
                        try output.prune(
                            keeping: Set(staged + [OutputClaim.markerName] + (options.offlineBundle ? [OfflineBundle.fileName] : [])))
                        saveDocumentCache(incremental, checked)
                    case .pageRecord:
                        // Notes the rendered pages' sizes and times, which pruning (other files) leaves alone.
                        incremental?.memo.recordFiles(in: output.staging)
                        saveManifest(cache, incremental)
                    case .bundle:
                        guard options.offlineBundle else { return nil }
                        let newest = checked.site.documents.map(\.date).max() ?? "1980-01-01"
                        // A page the memo reused is the previous build's very file (the sink linked it).
                        let listed = checked.pages.map { (path: $0.path, isUnchanged: $0.tookReused) }
                            + checked.theme.assets.map { (path: "assets/\($0)", isUnchanged: false) }
                        try OfflineBundle.write(
                            from: output.staging, timestamp: OfflineBundle.timestamp(newestContentDate: newest),
                            previous: options.outputDirectory.standardizedFileURL, listed: listed,
                            record: cache.map { $0.directory.appendingPathComponent("bundle.bin") })
                    }
                    return nil
                } catch {
                    return error
                }
            }
            if let error = finished.compactMap({ $0 }).first { throw error }
            try output.writeMarker(paths: staged)
            try output.commit()
        } catch {
            throw .output("cannot write \(options.outputDirectory.path): \(error.localizedDescription)")
        }
        output.removePrevious()
        let report = BuildReport(
            pagesWritten: checked.pages.count, documents: checked.site.documents.count,
            warnings: checked.warnings, seconds: Date().timeIntervalSince(started), pagesReused: incremental?.memo.reusedCount ?? 0,
            documentsUnread: checked.site.unreadDocuments)
        if options.keepsMemoryUntilExit {
            (checked.model?.spill as? BodySpill)?.removeFile()
            Self.keepUntilExit([checked, incremental as Any])
        }
        return report
    }

    /// Retains `values` for the rest of the process, on purpose (``Options/keepsMemoryUntilExit``).
    private static func keepUntilExit(_ values: [Any]) {
        final class Kept {
            let values: [Any]
            init(_ values: [Any]) { self.values = values }
        }
        _ = Unmanaged.passRetained(Kept(values))
    }

    /// Writes what the next build needs to reuse this one's bodies and search terms.
    ///
    /// The cache only saves time: when it cannot be written, the next build renders everything.
    /// Parts that this build took whole from the cache are left as they are.
    private func saveDocumentCache(_ incremental: Incremental?, _ checked: CheckedSite) {
        guard let incremental, let model = checked.model else { return }
        // The loader matches known documents by their front matter and display path; content named another
        // way (`Content` and then `/abs/Content`) must rewrite this file, or no later build would match a single
        // document again. A file read again has a new stamp, which the next build needs to leave it unread;
        // without it that file is read again, which is right, only slower. So a few new stamps wait for the
        // next rewrite: writing every document's front matter (7 MB at 10,000) after each one-document edit
        // cost more than reading a few files.
        var newStamps = 0
        if !checked.site.documents.allSatisfy({ document in
            guard let known = incremental.knownDocuments[document.path],
                known.frontMatterHash == document.frontMatterHash && known.displayPath == document.displayPath
            else { return false }
            if known.fileStamp != document.fileStamp || known.bodyFacts != document.bodyFacts { newStamps += 1 }
            return true
        }) || incremental.knownDocuments.count != checked.site.documents.count
            || newStamps > max(16, checked.site.documents.count / 64)
        {
            try? incremental.documents.saveDocuments(checked.site.documents, globalKey: incremental.globalKey)
        }
        if let contextKey = model.documentContextKey, !model.bodiesAllFromCache {
            let entries = Dictionary(uniqueKeysWithValues: checked.site.documents.map { document in
                let place = model.cachedBodyPlaces[document.path] ?? (model.spill as? BodySpill)?.places[document.path]
                return (document.path, DocumentCache.Entry(
                    sourceHash: document.sourceHash, facts: model.facts[document.path]!,
                    bodyOffset: place?.offset ?? 0, bodyLength: place?.length ?? 0))
            })
            if let spill = model.spill as? BodySpill {
                try? incremental.documents.adopt(spill, contextKey: contextKey, entries: entries)
            } else {
                try? incremental.documents.save(
                    contextKey: contextKey, entries: entries, rendered: model.renderedBodies,
                    jobs: options.jobs ?? ParallelWork.defaultJobs)
            }
        }
        // Started as soon as the search index had every document's terms (SearchTermStore.finish).
        model.searchTermStore.waitForSave()
    }

    /// Writes which files each unit of pages became, so the next build can reuse them from the output.
    private func saveManifest(_ cache: BuildCache?, _ incremental: Incremental?) {
        guard let cache, let incremental, incremental.memo.renderedAny else { return }
        try? cache.save(BuildCache.Manifest(globalKey: incremental.globalKey, units: incremental.memo.recordedUnits))
    }
}

