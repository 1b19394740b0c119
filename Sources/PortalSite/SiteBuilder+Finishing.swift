import Foundation
import PortalBundle
import PortalContent
import PortalOutput
import PortalWork

extension SiteBuilder {
    /// Completes a staged build and swaps it in: assets, prune, bundle and cache, the marker, then the swap.
    ///
    /// Every page is in the staging folder already, written as it was made; the rest is quick. The bundle is
    /// written on one core. The other prunes the staging folder (the bundle reads only the files it keeps) and
    /// saves the cache (bodies, facts and terms depend on the content alone, not on this output). The record of
    /// which files each unit wrote goes to whichever core is free first. That record is saved before the
    /// output is swapped in: should the swap fail, the next build finds the old files' sizes and times in the
    /// output, not the recorded ones, and renders those units again.
    func finish(_ checked: CheckedSite, in output: OutputDirectory, incremental: IncrementalBuild?) throws(Failure) {
        options.progress?(.stage("Finishing \(checked.pages.count) pages"))
        do {
            for asset in checked.theme.assets {
                try output.copyFile(checked.theme.assetSource(asset), to: "assets/\(asset)")
            }
            // A recycled staging folder may still hold files this build does not write.
            let staged = checked.pages.map(\.path) + checked.theme.assets.map { "assets/\($0)" }
            enum Piece { case bundle, caches, pageRecord }
            let finished = ParallelWork(jobs: 2).map([Piece.bundle, .caches, .pageRecord]) { piece -> (any Error)? in
                do {
                    switch piece {
                    case .caches:
                        // A recycled bundle is kept to be written over (see OfflineBundle.write).
                        let kept = staged + [OutputClaim.markerName] + (options.offlineBundle ? [OfflineBundle.fileName] : [])
                        try output.prune(keeping: Set(kept))
                        incremental?.saveDocuments(of: checked, jobs: jobs)
                    case .pageRecord:
                        // The rendered pages' sizes and times, which pruning (other files) leaves alone.
                        incremental?.savePageRecord(writtenIn: output.staging)
                    case .bundle:
                        try writeBundle(checked, in: output, incremental: incremental)
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
    }

    /// Writes the offline bundle of the staged site, keeping the previous bundle's entries of pages reused as they were.
    private func writeBundle(_ checked: CheckedSite, in output: OutputDirectory, incremental: IncrementalBuild?) throws {
        guard options.offlineBundle else { return }
        let newest = checked.site.documents.map(\.date).max() ?? "1980-01-01"
        // A page the memo reused is the previous build's very file (the sink linked it).
        let listed = checked.pages.map { (path: $0.path, isUnchanged: $0.wasReused) }
            + checked.theme.assets.map { (path: "assets/\($0)", isUnchanged: false) }
        try OfflineBundle.write(
            from: output.staging, timestamp: OfflineBundle.timestamp(newestContentDate: newest, environment: dateEnvironment),
            previous: options.outputDirectory.standardizedFileURL, listed: listed,
            record: incremental.map { $0.cache.directory.appendingPathComponent("bundle.bin") })
    }
}
