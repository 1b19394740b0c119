import Foundation
import PortalBinaryCodec
import PortalContent

#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing the build cache's binary files.
///
/// Each file starts with a four-letter tag and a format number, so a file of
/// another kind or version reads as absent. Files are replaced through a
/// temporary file and a rename, and written without an fsync: a cache lost in
/// a crash only means a full build.
package enum CacheFile {
    /// Bump when any record's layout changes.
    package static let formatVersion = 5

    /// The records after the tag and version, or nil when the file is missing or of another kind or version.
    package static func read(_ url: URL, tag: String) -> BinaryReader? {
        guard let bytes = POSIXFile.contents(of: url.path) else { return nil }
        var reader = BinaryReader(bytes)
        guard (try? reader.string()) == tag, (try? reader.int()) == formatVersion else { return nil }
        return reader
    }

    /// A writer that already holds the tag and version.
    package static func writer(tag: String, capacity: Int = 1 << 16) -> BinaryWriter {
        var writer = BinaryWriter(capacity: capacity)
        writer.write(tag)
        writer.write(formatVersion)
        return writer
    }

    /// Replaces `url` with `bytes` through a temporary file beside it.
    package static func replace(_ url: URL, with bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid())")
        guard write(bytes, to: temporary.path), rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// Replaces `url` with what `produce` hands to its `emit` closure, piece by piece, so a large file
    /// is never whole in memory; through a temporary file beside it, as ``replace(_:with:)``.
    package static func replace(_ url: URL, streaming produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid())").path
        let failure = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure }
        do {
            try produce { bytes in
                guard bytes.withUnsafeBytes({ POSIXFile.writeAll(descriptor, $0) }) else { throw failure }
            }
            close(descriptor)
            guard rename(temporary, url.path) == 0 else { throw failure }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
    }

    /// Writes `bytes` to `path` (``POSIXFile``).
    package static func write(_ bytes: [UInt8], to path: String) -> Bool {
        bytes.withUnsafeBytes { POSIXFile.write($0, to: path) }
    }
}
