import ArgumentParser
import Foundation

/// The `portal` command: builds and checks the Consultation Portal site.
@main
struct Portal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Build the Consultation Portal: a static site of USPS–NAPS consultations.",
        discussion: """
            Reads Markdown with YAML front matter from Content/, renders it with the templates in \
            Theme/, and writes a static site to Public/ that works from disk, with no server.

            Exit codes: 0 success, 1 content errors, 2 usage errors.
            """,
        subcommands: [BuildCommand.self, CheckCommand.self, StaffingCommand.self, ServeCommand.self, NewCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// Runs the command, mapping usage errors to exit code 2 as the README promises.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
