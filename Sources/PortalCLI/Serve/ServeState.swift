import Foundation

/// What `portal serve` knows about the last build, shared by the watcher thread and the request handlers.
///
/// `build` counts successful builds: pages carry the number they were served
/// with, and the reload script reloads when it changes. `errors` holds the
/// failed build's diagnostics while the last good site stays in place.
final class ServeState: @unchecked Sendable {
    struct Snapshot: Sendable, Encodable {
        var build: Int
        /// One line per diagnostic, `file:line:col: error: …`; empty after a good build.
        var errors: [String]
    }

    private let lock = NSLock()
    private var snapshot = Snapshot(build: 0, errors: [])
    private var stopping = false

    var current: Snapshot { lock.withLock { snapshot } }
    var isStopping: Bool { lock.withLock { stopping } }

    func succeeded() {
        lock.withLock {
            snapshot.build += 1
            snapshot.errors = []
        }
    }

    func failed(_ errors: [String]) {
        lock.withLock { snapshot.errors = errors }
    }

    func stop() {
        lock.withLock { stopping = true }
    }
}
