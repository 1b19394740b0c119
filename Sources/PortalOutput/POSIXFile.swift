import PortalBytes
import PortalContent

#if canImport(Glibc)
import Glibc
#endif

/// Plain POSIX writes, shared by the output folder, the build cache and the ZIP writer.
///
/// Foundation's `Data.write` syncs every file to disk, which nothing here needs:
/// the output is swapped in whole, and a lost cache only means a full build.
/// Hand-written rather than taken from swift-system: it is a handful of Glibc
/// calls, not worth a dependency.
package enum POSIXFile {
    /// Writes all of `bytes` to `descriptor`, retrying short writes and interruptions; false on any other error.
    package static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Creates or truncates the file at `path` and writes `bytes` to it; false when any step fails.
    package static func write(_ bytes: UnsafeRawBufferPointer, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return writeAll(descriptor, bytes)
    }

    /// The whole file at `path`, read straight into the array (``FileBytes``); nil when it cannot be opened or read.
    ///
    /// Reading into `Data` and copying that into an array would touch every byte twice, and the caches
    /// read all their files on every rebuild.
    package static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return try? FileBytes.read(descriptor, expectedSize: Int(info.st_size)).get()
    }

    /// What ``create(_:at:)`` found.
    package enum Creation {
        case written
        /// Something is already at the path; nothing was written.
        case exists
        case failed
    }

    /// Writes `bytes` to a new file at `path`, never into one that is already there.
    ///
    /// Cheaper than unlinking first: unlinking a name that does not exist still
    /// takes the folder's lock, which the two writing threads then fight over.
    package static func create(_ bytes: UnsafeRawBufferPointer, at path: String) -> Creation {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return errno == EEXIST ? .exists : .failed }
        defer { close(descriptor) }
        return writeAll(descriptor, bytes) ? .written : .failed
    }
}
