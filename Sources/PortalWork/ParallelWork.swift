import Foundation

/// Runs independent pieces of a build on every core, keeping results in input order so output never depends on timing.
///
/// Used for work that only reads shared state or goes through locks: decoding
/// documents, rendering bodies (cmark-gfm's parse still holds its process-wide lock; tree walks and
/// HTML rendering run outside it) and running page generators. `jobs` of 1
/// runs everything on the calling thread, which the byte-identity tests
/// compare against.
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

/// One piece of work started on a thread of its own and waited for later, so that it overlaps what the
/// caller does meanwhile; with one job, or when no thread can be made, it runs when first waited for.
///
/// For work a stage needs later that would otherwise leave a core idle, as the search index's cached
/// terms while the site model is made on one core. ``result()`` is called from one thread.
public final class BackgroundWork<Result: Sendable>: @unchecked Sendable {
    /// Where the thread leaves the result; held by the thread too, so it never outlives what it writes to.
    private final class Outcome: @unchecked Sendable {
        let lock = NSLock()
        var value: Result?
    }

    private let outcome = Outcome()
    private var thread: HelperThread?
    private var work: (@Sendable () -> Result)?

    public init(jobs: Int = ParallelWork.defaultJobs, _ work: @escaping @Sendable () -> Result) {
        let outcome = outcome
        if jobs > 1 {
            thread = HelperThread.start {
                let result = work()
                outcome.lock.withLock { outcome.value = result }
            }
        }
        if thread == nil { self.work = work }
    }

    /// Waits for the work and returns its result; later calls return the same result at once.
    public func result() -> Result {
        if let thread {
            thread.join()
            self.thread = nil
        }
        if let work {
            self.work = nil
            let result = work()
            outcome.lock.withLock { outcome.value = result }
        }
        return outcome.lock.withLock { outcome.value! }
    }

    /// Waits for the work and hands its result over, keeping no copy; ``result()`` must not be called afterwards.
    ///
    /// For a result whose arrays the caller goes on to grow: a copy kept here would make the first change
    /// copy them all, and every reserved capacity would be lost.
    public func take() -> Result {
        let value = result()
        outcome.lock.withLock { outcome.value = nil }
        return value
    }

    deinit {
        // A result nobody asked for: the thread must still end before the process can rely on its work being done.
        thread?.join()
    }
}

/// A POSIX thread that runs one closure; unlike `Thread`, it can be joined.
private struct HelperThread {
    private let thread: pthread_t

    private final class Start {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }

    /// Starts `work` on a new thread with the main thread's stack size (rendering nested templates
    /// recurses deeply); nil when no thread can be made, and the caller then does the work itself.
    static func start(_ work: @escaping @Sendable () -> Void) -> HelperThread? {
        let start = Unmanaged.passRetained(Start(work)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 8 << 20)
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue().work()
            return nil
        }, start)
        guard status == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            return nil
        }
        return HelperThread(thread: thread)
    }

    func join() {
        pthread_join(thread, nil)
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
