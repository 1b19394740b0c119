import ArgumentParser
import FlyingFox
import FlyingSocks
import Foundation

/// Sends FlyingFox's warnings and errors to standard error, and its request log too with `--verbose`.
struct ServeLogger: Logging {
    let verbose: Bool

    func logDebug(_ debug: @autoclosure () -> String) {}
    func logInfo(_ info: @autoclosure () -> String) { if verbose { printError(info()) } }
    func logWarning(_ warning: @autoclosure () -> String) { if verbose { printError("warning: \(warning())") } }
    func logError(_ error: @autoclosure () -> String) { printError("error: \(error())") }
    func logCritical(_ critical: @autoclosure () -> String) { printError("error: \(critical())") }
}
