import Foundation
import PortalBundle
import PortalContent
import PortalOutput
import PortalPacketPages
import PortalPages
import PortalWork

extension SiteBuilder {
    /// Completes a staged build and swaps it in: assets, prune, bundle and cache, the marker, then the swap.
    ///
    /// Every page is in the staging folder already, written as it was made. The staging folder is pruned and the
    /// cache saved (bodies, facts and terms depend on the content alone, not on this output) while the record of
    /// which files each unit wrote is saved on the other core. That record is saved before the output is swapped
    /// in: should the swap fail, the next build finds the old files' sizes and times in the output, not the
    /// recorded ones, and renders those units again. The offline bundle, when asked for, is written last, from
    /// the pruned folder, on every core; pruning removes any bundle a recycled staging folder held, so an output
    /// built without one has none.
    func finish(_ checked: CheckedSite, in output: OutputDirectory, incremental: IncrementalBuild?) throws(Failure) {
        options.progress?(.stage("Finishing \(checked.pages.count) pages"))
        do {
            for asset in checked.theme.assets {
                try output.copyFile(checked.theme.assetSource(asset), to: "assets/\(asset)")
            }
            // A recycled staging folder may still hold files this build does not write.
            let staged = checked.pages.map(\.path) + checked.theme.assets.map { "assets/\($0)" }
            enum Piece { case caches, pageRecord }
            let finished = ParallelWork(jobs: 2).map([Piece.caches, .pageRecord]) { piece -> (any Error)? in
                do {
                    switch piece {
                    case .caches:
                        try output.prune(keeping: Set(staged + [OutputClaim.markerName]))
                        incremental?.saveDocuments(of: checked, jobs: jobs)
                    case .pageRecord:
                        // The rendered pages' sizes and times, which pruning (other files) leaves alone.
                        incremental?.savePageRecord(writtenIn: output.staging)
                    }
                    return nil
                } catch {
                    return error
                }
            }
            if let error = finished.compactMap({ $0 }).first { throw error }
            let bundled = try writeBundle(checked, in: output, files: staged)
            try output.writeMarker(paths: staged + bundled)
            try output.commit()
        } catch {
            throw .output("cannot write \(options.outputDirectory.path): \(error.localizedDescription)")
        }
    }

    /// Writes the offline bundle of the staged site when the options ask for it; the paths it wrote.
    private func writeBundle(_ checked: CheckedSite, in output: OutputDirectory, files: [String]) throws -> [String] {
        guard options.offlineBundle else { return [] }
        options.progress?(.stage("Compressing the offline bundle"))
        let newest = checked.site.documents.map(\.date).max() ?? "1980-01-01"
        // A proposal's ZIP and EPUB are online only: the bundle holds their pages, and compressed files gain nothing.
        try OfflineBundle.write(
            from: output.staging, files: files.filter { !ProposalDownloads.isDownload($0) },
            timestamp: OfflineBundle.timestamp(newestContentDate: newest, environment: dateEnvironment), jobs: jobs)
        return [OfflineBundle.fileName]
    }
}
