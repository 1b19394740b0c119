#if canImport(Glibc)
import Glibc
#endif

/// Reads an open file whole, straight into an array, with plain POSIX calls: the content loader's sources
/// and the build cache's files.
public enum FileBytes {
    public enum Failure: Error {
        /// A read failed.
        case unreadable
        /// The file holds more than the limit allows.
        case tooLarge
    }

    /// Everything from the file's current offset to its end.
    ///
    /// - Parameters:
    ///   - expectedSize: the size `fstat` gave; a file that grew since is read on to its end,
    ///     and one under `/proc`, which reports 0, is read all the same.
    ///   - limit: more bytes than this fail with ``Failure/tooLarge``.
    public static func read(_ descriptor: Int32, expectedSize: Int, limit: Int = .max) -> Result<[UInt8], Failure> {
        // Uninitialized: the read overwrites it, so zeroing it first would touch every byte twice. One byte more than
        // expected, so that the end shows without growing the array.
        var bytes = [UInt8](unsafeUninitializedCapacity: max(0, expectedSize) + 1) { _, initialized in
            initialized = max(0, expectedSize) + 1
        }
        var count = 0
        while true {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: max(4096, bytes.count)) }
            let done = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if done < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable)
            }
            if done == 0 { break }
            count += done
            if count > limit { return .failure(.tooLarge) }
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }
}
