import Foundation

/// A POSIX thread that runs one closure; unlike `Thread`, it can be joined.
struct HelperThread {
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
