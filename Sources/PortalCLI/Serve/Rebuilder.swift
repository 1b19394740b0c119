import ArgumentParser
import FlyingFox
import FlyingSocks
import Foundation
import PortalSite

/// Runs builds for `serve` one at a time and reports each in one line.
struct Rebuilder: Sendable {
    let builder: SiteBuilder
    let state: ServeState
    let output: String

    /// The first build; when it fails over an existing output, that output is served as the last good site.
    func initial(outputExists: Bool) {
        if !run() && outputExists {
            let errors = state.current.errors
            state.succeeded()
            state.failed(errors)
        }
    }

    /// Builds once; returns whether the build succeeded.
    @discardableResult
    func run() -> Bool {
        do {
            let report = try builder.build()
            state.succeeded()
            report.warnings.forEach { printError($0.description) }
            say(report.summary(output: output))
                return true
        } catch {
            let lines: [String]
            switch error {
            case .diagnostics(let found): lines = found.items.map(\.description)
            default: lines = [error.description]
            }
            state.failed(lines)
            printError(error.description)
            printError("Build failed; still serving the last good site.")
            return false
        }
    }
}
