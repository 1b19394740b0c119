import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Records which document bodies the unit running on this thread reads.
///
/// A per-thread stack, so units may nest: when an inner unit ends, what it
/// read counts for the outer one too.
package final class DependencyRecorder {
    private var paths: Set<String> = []
    private var parent: DependencyRecorder?

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static var current: DependencyRecorder? {
        get { pthread_getspecific(key).map { Unmanaged<DependencyRecorder>.fromOpaque($0).takeUnretainedValue() } }
        set {
            if let old = pthread_getspecific(key) { Unmanaged<DependencyRecorder>.fromOpaque(old).release() }
            pthread_setspecific(key, newValue.map { Unmanaged.passRetained($0).toOpaque() })
        }
    }

    /// Starts recording on this thread.
    package static func begin() -> DependencyRecorder {
        let recorder = DependencyRecorder()
        recorder.parent = current
        current = recorder
        return recorder
    }

    /// Stops recording; returns the paths read, sorted, and hands them to the enclosing unit.
    @discardableResult
    package func end() -> [String] {
        let parent = self.parent
        Self.current = parent
        parent?.paths.formUnion(paths)
        return paths.sorted()
    }

    /// Notes that the running unit read the body of the document at `path`; nothing when no unit runs.
    package static func note(_ path: String) {
        current?.paths.insert(path)
    }

    package static func note(_ paths: [String]) {
        current?.paths.formUnion(paths)
    }
}
