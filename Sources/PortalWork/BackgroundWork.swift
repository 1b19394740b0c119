import Foundation

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
