import Foundation
import PortalBundle
import PortalCache
import PortalContent
import PortalOutput
import PortalPages
import PortalWork

/// What an incremental build carries through: the build cache, the previous build's page units and the global key.
///
/// It is the only part of the pipeline that knows how the cache is kept: the
/// model and the generators see it through BodyCache and PageReuse.
final class IncrementalBuild {
    let cache: BuildCache
    let memo: PageMemo
    let globalKey: UInt64
    /// The documents the previous build decoded, as handed to the loader.
    var knownDocuments: [String: ContentDocument] = [:]

    init(cache: BuildCache, memo: PageMemo, globalKey: UInt64) {
        self.cache = cache
        self.memo = memo
        self.globalKey = globalKey
    }

    var documents: DocumentCache { cache.documents }
    var bodyCache: DocumentBodyCache { DocumentBodyCache(documents: documents, globalKey: globalKey) }
    var reusedCount: Int { memo.reusedCount }

    /// Opens the cache that `options` names, after checking that its folder is the portal's (BuildCache/claim(protecting:));
    /// nil when the build keeps no cache. `--clean` empties it first.
    static func open(_ options: SiteBuilder.Options) throws(SiteBuilder.Failure) -> IncrementalBuild? {
        guard let directory = options.cacheDirectory else { return nil }
        let cache = BuildCache(directory: directory)
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
        let globalKey = BuildCache.globalKey(themeDirectory: options.themeDirectory)
        let memo = PageMemo(
            loading: { cache.load(globalKey: globalKey)?.units ?? [:] },
            previousOutput: options.outputDirectory.standardizedFileURL, jobs: options.jobs ?? ParallelWork.defaultJobs)
        return IncrementalBuild(cache: cache, memo: memo, globalKey: globalKey)
    }

    /// Writes what the next build needs to reuse this one's bodies and search terms.
    ///
    /// The cache only saves time: when it cannot be written, the next build renders everything.
    /// Parts that this build took whole from the cache are left as they are.
    func saveDocuments(of checked: CheckedSite, jobs: Int) {
        guard let model = checked.model else { return }
        if needsFrontMatterRewrite(checked.site.documents) {
            try? documents.saveDocuments(checked.site.documents, globalKey: globalKey)
        }
        if let contextKey = model.documentContextKey, !model.bodiesAllFromCache {
            saveBodies(of: checked, model: model, contextKey: contextKey, jobs: jobs)
        }
        // Started as soon as the search index had every document's terms (SearchTermStore.finish).
        model.searchTermStore.waitForSave()
    }

    /// Whether the decoded front matter must be written again.
    ///
    /// The loader matches known documents by their front matter and display path; content named another
    /// way (`Content` and then `/abs/Content`) must rewrite the file, or no later build would match a single
    /// document again. A file read again has a new stamp, which the next build needs to leave it unread;
    /// without it that file is read again, which is right, only slower. So a few new stamps wait for the
    /// next rewrite, rather than every document's front matter being written after each one-document edit.
    private func needsFrontMatterRewrite(_ documents: [ContentDocument]) -> Bool {
        var newStamps = 0
        let allKnown = documents.allSatisfy { document in
            guard let known = knownDocuments[document.path],
                known.frontMatterHash == document.frontMatterHash && known.displayPath == document.displayPath
            else { return false }
            if known.fileStamp != document.fileStamp || known.bodyFacts != document.bodyFacts { newStamps += 1 }
            return true
        }
        return !allKnown || knownDocuments.count != documents.count || newStamps > max(16, documents.count / 64)
    }

    /// Saves every body's facts and place, adopting the spill file as the new pack when bodies went there.
    private func saveBodies(of checked: CheckedSite, model: SiteModel, contextKey: UInt64, jobs: Int) {
        let spill = model.spill as? BodySpill
        let entries = Dictionary(uniqueKeysWithValues: checked.site.documents.map { document in
            let place = model.cachedBodyPlaces[document.path] ?? spill?.places[document.path]
            return (document.path, DocumentCache.Entry(
                sourceHash: document.sourceHash, facts: model.facts[document.path]!,
                bodyOffset: place?.offset ?? 0, bodyLength: place?.length ?? 0))
        })
        if let spill {
            try? documents.adopt(spill, contextKey: contextKey, entries: entries)
        } else {
            try? documents.save(contextKey: contextKey, entries: entries, rendered: model.renderedBodies, jobs: jobs)
        }
    }

    /// Notes the sizes and times of the files this build rendered, as written in `folder`, and saves which
    /// files each unit of pages became, so the next build can reuse them from the output.
    func savePageRecord(writtenIn folder: URL) {
        memo.recordFiles(in: folder)
        guard memo.renderedAny else { return }
        try? cache.save(BuildCache.Manifest(globalKey: globalKey, units: memo.recordedUnits))
    }
}
