import ArgumentParser
import Foundation
import PortalCache
import PortalSite

/// `portal build`: writes the whole site, or nothing when anything is wrong.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from the content folder into the output folder.",
        discussion: """
            The output is replaced only when the whole build succeeds; on any error it is left \
            exactly as it was. Errors print as 'Content/path.md:LINE:COL: error: …'.
            """
    )

    @OptionGroup var locations: SiteLocations

    @OptionGroup var address: BaseURLOption

    @Option(
        name: .long,
        help: "The output folder; replaced as a whole on success. It must be new, empty, or one the portal wrote.")
    var output: String = "Public"

    @Flag(
        name: .long,
        help: "Build where --output holds something the portal did not write, after moving that aside to <output>.orig.")
    var force = false

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Print only errors and warnings, no summary line.")
    var quiet = false

    @Flag(name: .long, help: "Also print how long each stage took and the peak memory so far.")
    var verbose = false

    @Flag(name: .long, help: "Render every page, ignoring what the last build left in the cache.")
    var clean = false

    @Flag(
        name: .long,
        help: "Also write consultation-portal-offline.zip, the whole site as one compressed ZIP, and link it from the home page (as `make site` does).")
    var offlineBundle = false

    @Option(name: .long, help: "Where to keep the build cache (default: .portal-cache/<output folder name> beside the output).")
    var cache: String?

    @Flag(name: .long, help: "Neither read nor write the build cache.")
    var noCache = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other; pass one") }
        if noCache && (clean || cache != nil) { throw ValidationError("--no-cache excludes --clean and --cache; pass one") }
    }

    func run() throws {
        let progress = BuildProgressDisplay(mode: quiet ? .quiet : verbose ? .verbose : .normal)
        var options = SiteBuilder.Options(
            contentDirectory: locations.contentURL, themeDirectory: locations.themeURL,
            outputDirectory: URL(fileURLWithPath: output), contentDisplayRoot: locations.contentDisplayRoot)
        options.progress = progress.callback
        options.force = force
        options.offlineBundle = offlineBundle
        options.outputDisplayPath = output
        options.baseURL = try address.normalized()
        // The process ends right after the build.
        options.keepsMemoryUntilExit = true
        if !noCache {
            options.cacheDirectory = cache.map { URL(fileURLWithPath: $0) } ?? BuildCache.defaultDirectory(for: options.outputDirectory)
            options.clean = clean
        }
        let builder = SiteBuilder(options: options)
        // Before anything else, so that a refused output costs no check and a move is told at once.
        let claim = try runOrExit { () throws(SiteBuilder.Failure) in try builder.claimOutput() }
        if case .movedAside(let aside) = claim.standing {
            printError("note: moved \(output) aside to \(aside); nothing in it was deleted")
        }
        if strict {
            // Check first so that warnings can stop the build before it writes anything.
            let checked = try runOrExit { () throws(SiteBuilder.Failure) in
                defer { progress.finish() }
                return try builder.check()
            }
            if !checked.warnings.isEmpty {
                checked.warnings.forEach { printError($0.rendered) }
                printError("error: \(checked.warnings.count) warning(s) with --strict; nothing was written")
                throw ExitCode(1)
            }
        }
        let report = try runOrExit { () throws(SiteBuilder.Failure) in
            defer { progress.finish() }
            return try builder.build()
        }
        report.warnings.forEach { printError($0.rendered) }
        if !quiet { print(report.summary(output: output)) }
    }
}

/// Runs a build step; on failure prints its diagnostics and exits 1.
func runOrExit<T>(_ body: () throws(SiteBuilder.Failure) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError(error.description)
        if case .diagnostics(let diagnostics) = error {
            let count = diagnostics.errors.count
            printError("\(count) error\(count == 1 ? "" : "s"); nothing was written.")
        }
        throw ExitCode(1)
    }
}
