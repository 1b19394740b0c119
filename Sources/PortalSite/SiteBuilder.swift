import Foundation
import PortalCache
import PortalContent
import PortalOutput
import PortalPages
import PortalWork

/// Builds the site: content in, checked pages out. This type reads like the pipeline.
///
/// 1. Claim the output folder (``OutputClaim``) and open the build cache, if any.
/// 2. Load and check Content/ (front matter, references, data files) and the theme.
/// 3. Parse every body with cmark-gfm and render generated blocks (``SiteModel``).
/// 4. Run the page generators; a build writes each page into a staging folder
///    beside the output as soon as it is made (``PageSink``), so the pages'
///    text is never all held at once.
/// 5. Check links and output paths over every page.
/// 6. Finish: copy the assets, prune, write the bundle and the cache, mark the
///    folder as the portal's, and only then swap it in for the output.
public struct SiteBuilder: Sendable {
    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    var jobs: Int { options.jobs ?? ParallelWork.defaultJobs }

    /// The environment that sets the build's day: ``Options/sourceDateEpoch`` when given, else the process's.
    var dateEnvironment: [String: String] {
        options.sourceDateEpoch.map { ["SOURCE_DATE_EPOCH": String($0)] } ?? ProcessInfo.processInfo.environment
    }

    /// Checks everything a build checks, without writing anything.
    ///
    /// - Parameter keepingPages: keep every page's text in ``CheckedSite/pages``, for callers that read it;
    ///   by default each page's text is dropped as soon as it is made, and the pages hold only their paths.
    public func check(keepingPages: Bool = false) throws(Failure) -> CheckedSite {
        try render(incremental: nil, pages: keepingPages ? .kept : .dropped)
    }

    /// Checks that the output is the portal's to write (``OutputClaim``), moving what is in the way aside with
    /// ``Options/force``; ``build()`` does this first, and a caller may do it earlier to report a move.
    @discardableResult
    public func claimOutput() throws(Failure) -> OutputClaim {
        do {
            let protected = OutputClaim.Protected(content: options.contentDirectory, theme: options.themeDirectory)
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
        let incremental = try IncrementalBuild.open(options)
        let (checked, output) = try stage(incremental: incremental)
        try finish(checked, in: output, incremental: incremental)
        output.removePrevious()
        let report = BuildReport(
            pagesWritten: checked.pages.count, documents: checked.site.documents.count,
            warnings: checked.warnings, seconds: Date().timeIntervalSince(started), pagesReused: incremental?.reusedCount ?? 0,
            documentsUnread: checked.site.unreadDocuments)
        if options.keepsMemoryUntilExit {
            (checked.model?.spill as? BodySpill)?.removeFile()
            Self.keepUntilExit([checked, incremental as Any])
        }
        return report
    }

    /// Renders and checks every page into the output's staging folder; nothing is committed.
    ///
    /// The output is opened once the content and theme load, before the model is made, so that what a
    /// recycled staging folder holds is read meanwhile; a failure to open it is reported only once the
    /// content passes every check.
    func stage(incremental: IncrementalBuild?) throws(Failure) -> (checked: CheckedSite, output: OutputDirectory) {
        let (site, theme) = try load(incremental: incremental)
        let opened = openOutput()
        let checked = try render(site, theme, incremental: incremental, pages: .written(opened))
        return (checked, try opened.get())
    }

    /// Takes the output's lock and prepares the staging folder pages are written into.
    private func openOutput() -> Result<OutputDirectory, Failure> {
        do {
            return .success(try OutputDirectory(destination: options.outputDirectory, jobs: jobs))
        } catch let error as OutputDirectory.Locked {
            return .failure(.locked(lockPath: error.lockPath))
        } catch let error as OutputDirectory.InTheWay {
            return .failure(.output("cannot prepare \(options.outputDirectory.path): \(error.path) is in the way and is not the portal's; move it"))
        } catch {
            return .failure(.output("cannot prepare \(options.outputDirectory.path): \(error.localizedDescription)"))
        }
    }

    /// Retains `values` for the rest of the process, on purpose (``Options/keepsMemoryUntilExit``).
    private static func keepUntilExit(_ values: [Any]) {
        final class Kept {
            let values: [Any]
            init(_ values: [Any]) { self.values = values }
        }
        _ = Unmanaged.passRetained(Kept(values))
    }
}
