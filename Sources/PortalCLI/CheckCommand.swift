import ArgumentParser
import Foundation
import PortalSite

/// `portal check`: every check a build makes, without writing output.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content and theme without writing any output.",
        discussion: "Prints one diagnostic per line, 'file:line:col: error|warning: message', sorted by file and line."
    )

    @OptionGroup var locations: SiteLocations

    @Flag(name: .long, help: "Exit 1 on warnings too.")
    var strict = false

    func run() throws {
        let builder = SiteBuilder(options: .init(
            contentDirectory: locations.contentURL, themeDirectory: locations.themeURL,
            outputDirectory: URL(fileURLWithPath: "/dev/null"), contentDisplayRoot: locations.contentDisplayRoot))
        let checked = try runOrExit { () throws(SiteBuilder.Failure) in try builder.check() }
        checked.warnings.forEach { print($0.description) }
        if strict && !checked.warnings.isEmpty { throw ExitCode(1) }
        print("Checked \(checked.site.documents.count) documents and \(checked.pages.count) pages: no errors\(checked.warnings.isEmpty ? "" : ", \(checked.warnings.count) warnings").")
    }
}
