import Foundation
import PortalOutput
import PortalPages
import PortalRender

#if canImport(Glibc)
import Glibc
#endif

/// The bodies a full build renders, written to a new pack as they are made and read back when a page needs one.
///
/// Holding every rendered body until the pages are made would grow memory with the
/// whole site's HTML; spilled, a full build holds a batch at a time. When nothing in the
/// build cache's pack can be reused (a clean build, or a change that every body
/// depends on), ``SiteModel`` renders bodies a batch at a time and appends them
/// here, to `.bodies.spill.<pid>.<n>` beside the pack, in document order. Saving the
/// cache renames the file into place as the new pack; a build that stops before
/// then deletes it. A build without a cache spills beside its output and always
/// deletes the file at the end. Records are those of ``DocumentCache``, so a read checks the
/// body's key as a read from the pack does.
package final class BodySpill: BodySpilling, @unchecked Sendable {
    private let path: String
    private let descriptor: Int32
    private let contextKey: UInt64
    private var size: UInt64 = 0
    /// Each body's record, with the source hash that is part of its key; written only while the model is made.
    package private(set) var places: [String: (offset: UInt64, length: UInt64)] = [:]
    private var sourceHashes: [String: UInt64] = [:]
    /// Set when a write failed: the file is then not put in place of the pack.
    private var failed = false
    private var adopted = false
    private var removed = false

    /// Opens a new spill file in `directory` (the cache's folder, or beside the output for a build without
    /// a cache); nil when it cannot be made, and bodies then stay in memory.
    ///
    /// - Parameter named: whether the file keeps its name, to be adopted as the cache's pack. Beside the
    ///   output, in a folder that is not the portal's, it is unlinked as soon as it is open: it then leaves
    ///   nothing behind, and no file there is ever truncated or removed as an abandoned spill.
    package init?(directory: URL, contextKey: UInt64, named: Bool = true) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if named { Self.removeAbandoned(in: directory) }
        var path = ""
        var descriptor: Int32 = -1
        for _ in 0..<100 where descriptor < 0 {
            path = directory.appendingPathComponent(".bodies.spill.\(getpid()).\(Self.nextNumber())").path
            descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor < 0 && errno != EEXIST { return nil }
        }
        guard descriptor >= 0 else { return nil }
        if !named {
            unlink(path)
            removed = true
        }
        self.path = path
        self.descriptor = descriptor
        self.contextKey = contextKey
    }

    /// Deletes spill files left by builds that were killed: those whose process no longer runs.
    private static func removeAbandoned(in directory: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(".bodies.spill.") {
            let fields = name.dropFirst(".bodies.spill.".count).split(separator: ".")
            guard let pid = fields.first.flatMap({ Int32($0) }), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    private static let numberLock = NSLock()
    nonisolated(unsafe) private static var lastNumber = 0

    /// Tells apart the spill files of builds that run side by side in one process (the tests do).
    private static func nextNumber() -> Int {
        numberLock.withLock {
            lastNumber += 1
            return lastNumber
        }
    }

    deinit {
        close(descriptor)
        removeFile()
    }

    /// Deletes the file unless saving the cache adopted it; deinit does too, but a build whose
    /// memory is left to the end of the process (``SiteBuilder/Options/keepsMemoryUntilExit``) never runs it.
    package func removeFile() {
        if !adopted && !removed { unlink(path) }
        removed = true
    }

    /// The record that stores `body`; made on any thread, written with ``append(_:path:sourceHash:)``.
    package func record(_ body: RenderedBody, path: String, sourceHash: UInt64) -> [UInt8] {
        DocumentCache.record(body, key: DocumentCache.bodyKey(path: path, sourceHash: sourceHash, contextKey: contextKey))
    }

    /// Appends one record; called on the building thread, in document order, so the file never depends on timing.
    package func append(_ record: [UInt8], path: String, sourceHash: UInt64) {
        guard !failed, record.withUnsafeBytes({ POSIXFile.writeAll(descriptor, $0) }) else {
            failed = true
            return
        }
        places[path] = (size, UInt64(record.count))
        sourceHashes[path] = sourceHash
        size += UInt64(record.count)
    }

    /// The body written for `path`, read back; nil when it was not written or cannot be read.
    ///
    /// Safe from any thread once the model is made: nothing is written after that.
    package func body(_ path: String) -> RenderedBody? {
        guard let place = places[path], let sourceHash = sourceHashes[path], place.length < 1 << 31,
            let bytes = DocumentCache.readRecord(descriptor, offset: place.offset, length: Int(place.length))
        else { return nil }
        return DocumentCache.decodeBody(
            bytes, key: DocumentCache.bodyKey(path: path, sourceHash: sourceHash, contextKey: contextKey))
    }

    /// Renames the file to `packPath`; false when a write failed or the rename did, and the caller keeps the old pack.
    package func adopt(as packPath: String) -> Bool {
        guard !failed, !removed, rename(path, packPath) == 0 else { return false }
        adopted = true
        return true
    }
}
