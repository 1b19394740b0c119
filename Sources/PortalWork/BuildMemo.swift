import Foundation

/// Values worked out once per build and shared by every thread: a pure function's answers, by key.
///
/// For derived values that many pages ask for alike, such as a staffing table
/// every dossier shows. `make` runs outside the lock, so two threads may work
/// out the same value at once; both get equal values, since `make` must be a
/// pure function of the key and of what the owner holds for the whole build.
/// Failures are not kept: a key that throws is worked out again when asked.
/// Not a cache between builds: it lives as long as the model that holds it.
public final class BuildMemo<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    public init() {}

    /// The value for `key`, made by `make` the first time it is asked for.
    public func value<E: Error>(_ key: Key, _ make: () throws(E) -> Value) throws(E) -> Value {
        if let value = lock.withLock({ values[key] }) { return value }
        let value = try make()
        lock.withLock { values[key] = value }
        return value
    }
}
