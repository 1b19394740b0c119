import Foundation

/// The files of the current build, kept in memory by request path so that repeated requests skip the file system.
///
/// Entries belong to one build number; the first request after a rebuild
/// empties the cache, and an entry read during a rebuild is never stored under
/// the new number. Large files are not kept, and the whole is bounded.
final class ResponseCache: @unchecked Sendable {
    struct Entry {
        var body: Data
        var contentType: String
    }

    static let largestEntry = 2 * 1024 * 1024
    static let capacity = 256 * 1024 * 1024

    private let lock = NSLock()
    private var build = -1
    private var entries: [String: Entry] = [:]
    private var size = 0

    func lookup(_ path: String, build: Int) -> Entry? {
        lock.withLock {
            if build != self.build { reset(to: build) }
            return entries[path]
        }
    }

    func store(_ entry: Entry, for path: String, build: Int) {
        guard entry.body.count <= Self.largestEntry else { return }
        lock.withLock {
            if build > self.build { reset(to: build) }
            guard build == self.build, size + entry.body.count <= Self.capacity else { return }
            size += entry.body.count - (entries[path]?.body.count ?? 0)
            entries[path] = entry
        }
    }

    private func reset(to build: Int) {
        self.build = build
        entries = [:]
        size = 0
    }
}
