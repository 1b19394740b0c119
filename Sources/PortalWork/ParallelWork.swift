import Foundation

/// Runs independent pieces of a build on every core, keeping results in input order so output never depends on timing.
///
/// Used for work that only reads shared state or goes through locks: decoding
/// documents, rendering bodies (cmark-gfm's parse still holds its process-wide lock; tree walks and
/// HTML rendering run outside it) and running page generators. `jobs` of 1
/// runs everything on the calling thread, which the byte-identity tests
/// compare against. Plain threads rather than Dispatch or task groups: the build is synchronous code,
/// and this runs exactly `jobs` threads with no async context to enter.
public struct ParallelWork: Sendable {
    /// How many threads work at once.
    public let jobs: Int

    /// Threads to use by default: `PORTAL_JOBS` when set to a positive number, else the active processor count.
    public static var defaultJobs: Int {
        if let text = ProcessInfo.processInfo.environment["PORTAL_JOBS"], let jobs = Int(text), jobs > 0 {
            return jobs
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    public init(jobs: Int = ParallelWork.defaultJobs) {
        self.jobs = max(1, jobs)
    }

    /// `items.map(transform)`, with items handed out one at a time to `jobs` threads.
    ///
    /// The calling thread works too, beside `jobs - 1` threads started for this call. Not
    /// `DispatchQueue.concurrentPerform`: libdispatch runs an apply nested in another one on a
    /// single thread, so a generator's own map (every code page, every document page) ran on one
    /// core while the other sat idle once the smaller generators were done.
    public func map<Item, Result>(_ items: [Item], _ transform: (Item) -> Result) -> [Result] {
        guard jobs > 1, items.count > 1 else { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let slots = Slots<Result>(count: items.count)
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let items = items
            let work: @Sendable () -> Void = {
                while let index = slots.claim() {
                    slots.store(transform(items[index]), at: index)
                }
            }
            // Joined before returning, so no thread still holds `transform` when this call ends.
            let helpers = (1..<min(jobs, items.count)).compactMap { _ in HelperThread.start(work) }
            work()
            for helper in helpers { helper.join() }
            return slots.results()
        }
    }
}

/// Results filled in by several threads: each index is claimed once and written once.
private final class Slots<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var values: [Result?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.withLock {
            guard next < values.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ value: Result, at index: Int) {
        lock.withLock { values[index] = value }
    }

    func results() -> [Result] {
        lock.withLock { values.map { $0! } }
    }
}
