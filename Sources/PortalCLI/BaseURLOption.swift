import ArgumentParser
import PortalContent

/// `--base-url`, the address the site is published at, for the commands that build or check a site.
struct BaseURLOption: ParsableArguments {
    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(
            "The address the site is published at, e.g. https://example.org/portal/; replaces base_url in site.yaml.",
            valueName: "url"))
    var baseURL: String?

    /// The address in normal form, nil when not given; an address that is not absolute http(s) ends the command.
    func normalized() throws -> String? {
        guard let baseURL else { return nil }
        switch PublishedAddress.normalized(baseURL) {
        case .success(let url): return url
        case .failure(let problem):
            printError("error: --base-url '\(baseURL)' \(problem.reason); give the address the site is published at, e.g. --base-url \(PublishedAddress.example)")
            throw ExitCode(1)
        }
    }
}
