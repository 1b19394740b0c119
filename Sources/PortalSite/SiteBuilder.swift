import Foundation
import PortalContent
import PortalMarkdown

/// Builds the site: content in, checked pages out. This type reads like the pipeline.
///
/// 1. Load and check Content/ (front matter, references, data files).
/// 2. Load the theme's templates, parsed once.
/// 3. Parse every body with cmark-gfm and render generated blocks.
/// 4. Only when nothing failed, write every page into a staging folder and
///    swap it in for the output.
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

        public var description: String {
            switch self {
            case .diagnostics(let diagnostics): diagnostics.items.map(\.rendered).joined(separator: "\n")
            case .locked(let path): "error: another build is writing this output (lock \(path) is held); wait for it to finish and run the build again"
            case .output(let message): "error: \(message)"
            }
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Checks everything a build checks, without writing anything.
    public func check() throws(Failure) -> CheckedSite {
        try check(incremental: nil)
    }

    /// What an incremental build carries through: the previous build's page units, the body cache, the global key.
    private final class Incremental {
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

    /// - Parameter incremental: for an incremental build, what the previous build left.
    private func check(incremental: Incremental?) throws(Failure) -> CheckedSite {
        options.progress?(.stage("Loading content"))
        let site: ContentSite
        do {
            var loader = ContentLoader(
                directory: options.contentDirectory, displayRoot: options.contentDisplayRoot,
                jobs: options.jobs ?? ParallelWork.defaultJobs)
            if let incremental {
                incremental.knownDocuments = incremental.documents.loadDocuments(globalKey: incremental.globalKey)
                loader.knownDocuments = incremental.knownDocuments
            }
            site = try loader.load()
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
        options.progress?(.stage("Rendering \(site.documents.count) documents"))
        do {
            let work = ParallelWork(jobs: options.jobs ?? ParallelWork.defaultJobs)
            model = try SiteModel(
                site: site, theme: theme, jobs: work.jobs,
                cache: incremental.map { SiteModel.Cache(documents: $0.documents, globalKey: $0.globalKey) })
            if let incremental {
                incremental.memo.start(globalKey: incremental.globalKey, site: site, siteKey: model.siteKey)
                model.memo = incremental.memo
            }
            // Generators only read the model, so they run side by side; their pages keep the listed order.
            let generated = work.map(PageGenerators.all) { generator in
                Result { () throws(Diagnostics) in
                    guard let unit = generator.memoUnit else { return try generator.pages(for: model) }
                    return try model.memoized(unit) { () throws(Diagnostics) in try generator.pages(for: model) }
                }
            }
            for result in generated {
                pages += try result.get()
            }
            pages.append(Sitemap.file(for: pages, model: model))
            model.warnings += try model.links.check(pages: pages, assets: theme.assets)
            try OutputPathCheck.check(pages: pages, assets: theme.assets, site: site)
        } catch {
            throw .diagnostics(error)
        }
        var checked = CheckedSite(site: site, theme: theme, pages: pages, warnings: (site.warnings + model.warnings).sorted())
        checked.model = model
        return checked
    }

    /// Builds the site into the output folder, replacing it only when the whole build succeeds.
    public func build() throws(Failure) -> BuildReport {
        let started = Date()
        var incremental: Incremental?
        let cache = options.cacheDirectory.map(BuildCache.init(directory:))
        if let cache {
            if options.clean {
                do {
                    try cache.remove()
                } catch {
                    throw .output("cannot remove the build cache \(cache.directory.path): \(error.localizedDescription)")
                }
            }
            let globalKey = BuildCache.globalKey(themeDirectory: options.themeDirectory, offlineBundle: options.offlineBundle)
            let previous = cache.load(globalKey: globalKey)?.units ?? [:]
            incremental = Incremental(
                memo: PageMemo(previous: previous, previousOutput: options.outputDirectory.standardizedFileURL),
                documents: cache.documents, globalKey: globalKey)
        }
        let checked = try check(incremental: incremental)
        let reused = incremental?.memo.reusedPaths ?? []
        let output: OutputDirectory
        do {
            output = try OutputDirectory(destination: options.outputDirectory)
        } catch let error as OutputDirectory.Locked {
            throw .locked(lockPath: error.lockPath)
        } catch {
            throw .output("cannot prepare \(options.outputDirectory.path): \(error.localizedDescription)")
        }
        do {
            options.progress?(.stage("Writing \(checked.pages.count) pages"))
            // Writing and linking are system calls on separate files, so both cores share them;
            // progress is told from this thread, one batch at a time.
            let work = ParallelWork(jobs: options.jobs ?? ParallelWork.defaultJobs)
            let batch = 2_048
            for start in stride(from: 0, to: checked.pages.count, by: batch) {
                let pages = Array(checked.pages[start..<min(start + batch, checked.pages.count)])
                let failures = work.map(pages) { page -> (any Error)? in
                    do {
                        if let previous = page.reusedFrom {
                            try output.link(previous, to: page.path) { page.text() }
                        } else {
                            try output.write(page.contents, to: page.path)
                        }
                        return nil
                    } catch {
                        return error
                    }
                }
                if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
                options.progress?(.writing(done: start + pages.count, total: checked.pages.count))
            }
            let theme = checked.theme
            for asset in theme.assets {
                try output.copyFile(theme.assetsDirectory.appendingPathComponent(asset), to: "assets/\(asset)")
            }
            // A recycled staging folder may still hold files this build does not write.
            let staged = checked.pages.map(\.path) + checked.theme.assets.map { "assets/\($0)" }
            try output.prune(keeping: Set(staged))
            if options.offlineBundle {
                let newest = checked.site.documents.map(\.date).max() ?? "1980-01-01"
                try OfflineBundle.write(
                    from: output.staging, timestamp: OfflineBundle.timestamp(newestContentDate: newest),
                    previous: options.outputDirectory.standardizedFileURL, files: staged, unchanged: reused)
            }
            incremental?.memo.recordFiles(in: output.staging)
            try output.commit()
        } catch {
            throw .output("cannot write \(options.outputDirectory.path): \(error.localizedDescription)")
        }
        // Saved while the output's lock is still held, so no other build reads a half-written cache;
        // the previous output is deleted on the other core meanwhile.
        withExtendedLifetime(output) {
            _ = ParallelWork(jobs: 2).map([true, false]) { removing in
                if removing { output.removePrevious() } else { saveCache(cache, incremental, checked) }
            }
        }
        return BuildReport(
            pagesWritten: checked.pages.count, documents: checked.site.documents.count,
            warnings: checked.warnings, seconds: Date().timeIntervalSince(started), pagesReused: reused.count)
    }

    /// Writes what the next build needs to reuse this one's pages and bodies.
    private func saveCache(_ cache: BuildCache?, _ incremental: Incremental?, _ checked: CheckedSite) {
        guard let cache, let incremental, let model = checked.model else { return }
        // The cache only saves time: when it cannot be written, the next build renders everything.
        // Parts that this build took whole from the cache are left as they are.
        // The loader matches known documents by their front matter, so a body edit leaves this file right.
        if !checked.site.documents.allSatisfy({ incremental.knownDocuments[$0.path]?.frontMatterHash == $0.frontMatterHash })
            || incremental.knownDocuments.count != checked.site.documents.count
        {
            try? incremental.documents.saveDocuments(checked.site.documents, globalKey: incremental.globalKey)
        }
        if let contextKey = model.documentContextKey, !model.bodiesAllFromCache {
            let entries = Dictionary(uniqueKeysWithValues: checked.site.documents.map { document in
                (document.path, DocumentCache.Entry(sourceHash: document.sourceHash, facts: model.facts[document.path]!))
            })
            try? incremental.documents.save(
                contextKey: contextKey, entries: entries, rendered: model.renderedBodies, jobs: options.jobs ?? ParallelWork.defaultJobs)
        }
        if let contextKey = model.documentContextKey, let terms = model.searchTermStore.changedEntries {
            try? incremental.documents.saveSearchTerms(terms, contextKey: contextKey)
        }
        if incremental.memo.renderedAny {
            try? cache.save(BuildCache.Manifest(globalKey: incremental.globalKey, units: incremental.memo.recordedUnits))
        }
    }
}

/// The outcome of a successful check: the content, the theme and every page, ready to write.
public struct CheckedSite: Sendable {
    public var site: ContentSite
    public var theme: Theme
    public var pages: [OutputFile]
    public var warnings: [Diagnostic]
    /// The model the pages came from, for the build cache.
    var model: SiteModel?
}
