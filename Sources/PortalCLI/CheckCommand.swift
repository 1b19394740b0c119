import ArgumentParser
import Foundation
import PortalSite

/// `portal check`: every check a build makes, without writing output.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content and theme without writing any output.",
        discussion: """
            Checks front matter, references between documents, occupation codes, every link and \
            #anchor in the Markdown, the data files and the staffing blocks. Prints one diagnostic \
            per line, 'file:line:col: error|warning: message', sorted by file and line, on standard \
            output; the summary goes to standard error. Exits 1 on any error, and with --strict on \
            any warning too.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var locations: SiteLocations

    @OptionGroup var address: BaseURLOption

    @Flag(name: .long, help: "Exit 1 on warnings too.")
    var strict = false

    @Option(name: .long, help: "text: one line per diagnostic; json: a machine-readable report for CI.")
    var format: Format = .text

    func run() throws {
        var options = SiteBuilder.Options(
            contentDirectory: locations.contentURL, themeDirectory: locations.themeURL,
            outputDirectory: URL(fileURLWithPath: "/dev/null"), contentDisplayRoot: locations.contentDisplayRoot)
        options.baseURL = try address.normalized()
        options.checksPublishingSettings = true
        let builder = SiteBuilder(options: options)
        let report: CheckReport
        do {
            let checked = try builder.check()
            report = CheckReport(diagnostics: checked.warnings, documents: checked.site.documents.count, pages: checked.pages.count)
        } catch {
            guard case .diagnostics(let found) = error else {
                printError(error.description)
                throw ExitCode(1)
            }
            report = CheckReport(diagnostics: found.items, documents: nil, pages: nil)
        }
        switch format {
        case .text:
            report.diagnostics.forEach { print($0.description) }
            printError(report.summary)
        case .json:
            print(try report.json(strict: strict))
        }
        if report.fails(strict: strict) { throw ExitCode(1) }
    }
}
