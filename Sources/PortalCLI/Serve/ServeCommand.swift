import ArgumentParser
import FlyingFox
import FlyingSocks
import Foundation
import PortalCache
import PortalSite

/// `portal serve`: builds the site, serves it on the loopback interface, and rebuilds and reloads on every change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on http://127.0.0.1, and rebuild and reload pages on every change.",
        discussion: """
            Watches the content folder (documents, site.yaml and the data files) and the theme folder. \
            When a change breaks the build, the last good site stays up and open pages show the \
            errors with file and line. Listens on 127.0.0.1 only. Ctrl-C stops it.
            """
    )

    @OptionGroup var locations: SiteLocations

    @Option(name: .long, help: "The output folder, rebuilt on every change.")
    var output: String = "Public"

    @Option(name: .long, help: "The port on 127.0.0.1; 0 picks a free one.")
    var port: UInt16 = 8000

    @Option(name: .long, help: "Seconds between checks for changed files.")
    var interval: Double = 0.3

    @Flag(name: .long, help: "Log every request.")
    var verbose = false

    func run() async throws {
        let state = ServeState()
        let outputURL = URL(fileURLWithPath: output)
        var options = SiteBuilder.Options(
            contentDirectory: locations.contentURL, themeDirectory: locations.themeURL,
            outputDirectory: outputURL, contentDisplayRoot: locations.contentDisplayRoot)
        // Rebuilds after an edit reuse every page the edit does not touch.
        options.cacheDirectory = BuildCache.defaultDirectory(for: outputURL)
        options.outputDisplayPath = output
        let builder = SiteBuilder(options: options)
        // A folder the portal may not write is neither built nor served.
        _ = try runOrExit { () throws(SiteBuilder.Failure) in try builder.claimOutput() }
        let rebuild = Rebuilder(builder: builder, state: state, output: output)
        rebuild.initial(outputExists: FileManager.default.fileExists(atPath: outputURL.path))

        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30,
            logger: ServeLogger(verbose: verbose), handler: SiteRequestHandler(root: outputURL, state: state))
        let serverTask = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            serverTask.cancel()
            let reason: String
            switch await serverTask.result {
            case .failure(let failure): reason = "\(failure)"
            case .success: reason = "\(error)"
            }
            printError("error: cannot listen on 127.0.0.1:\(port) (\(reason)); is another server using it? Pass --port N or --port 0")
            throw ExitCode(1)
        }
        var listening = port
        if case .ip4(_, let actual) = await server.listeningAddress { listening = actual }
        ListenerTuning.disableNagle(onListeningPort: listening)
        say("Serving \(output) at http://127.0.0.1:\(listening)/ — watching \(locations.content)/ and \(locations.theme)/; Ctrl-C stops.")

        let watcher = SourceWatcher(folders: [locations.contentURL, locations.themeURL])
        let interval = self.interval
        let watchThread = Thread {
            var last = watcher.fingerprint()
            while !state.isStopping {
                Thread.sleep(forTimeInterval: interval)
                let now = watcher.fingerprint()
                guard now != last else { continue }
                // Let an editor finish writing a burst of files before building.
                Thread.sleep(forTimeInterval: 0.1)
                last = watcher.fingerprint()
                if !state.isStopping { rebuild.run() }
            }
        }
        watchThread.start()

        await Self.waitForTermination()
        say("\nStopping…")
        state.stop()
        await server.stop(timeout: 2)
        serverTask.cancel()
        say("Stopped.")
    }

    /// Returns on the first SIGINT (Ctrl-C) or SIGTERM.
    static func waitForTermination() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(continuation)
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { once.resume() }
                source.resume()
                SignalSources.keep(source)
            }
        }
    }
}

/// Resumes a continuation at most once, however many signals arrive.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

    func resume() {
        lock.withLock {
            continuation?.resume()
            continuation = nil
        }
    }
}

/// Keeps signal sources alive for the life of the process; a released source stops delivering.
private enum SignalSources {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let lock = NSLock()

    static func keep(_ source: any DispatchSourceSignal) {
        lock.withLock { sources.append(source) }
    }
}

/// Writes a line to standard output unbuffered: under tests and process managers it is a pipe, and each line must arrive as it is printed.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
