import Foundation
import PortalBytes
import PortalContent
import PortalOffline
import PortalOutput
import PortalRender
import PortalWork
import StaffingModel

#if canImport(Glibc)
import Glibc
#endif

/// The offline bundle: one deflate-compressed ZIP of the whole built site that works after extraction, opened from disk.
///
/// Entries go under `consultation-portal/`, in sorted path order, all with one
/// timestamp (from `SOURCE_DATE_EPOCH`, else the newest content date), each
/// deflated at one fixed level (stored when that is no smaller), so the same
/// site always gives the same bytes. It is written whole every time: nothing of
/// an earlier bundle is trusted or reused, so a bundle never differs from the
/// pages it was made with. ZIP64 records are added only when a site outgrows the
/// classic 65,535-entry or 4 GiB limits.
package enum OfflineBundle {
    /// Where the bundle lands in the output, linked from the home page.
    package static let fileName = SitePath.offlineBundle
    /// The folder the archive extracts into.
    package static let folder = "consultation-portal"
    /// HTML between these markers is left out of the bundled copy (the link to the bundle itself).
    package static let onlineOnlyStart = "<!--offline-bundle-->"
    package static let onlineOnlyEnd = "<!--/offline-bundle-->"
    /// Files read and compressed together before their entries are written, to keep every core busy
    /// while holding only a batch in memory.
    private static let batchSize = 512

    /// Zips every file under `directory` (except the bundle) into `directory/fileName`, replacing any file there.
    ///
    /// - Parameters:
    ///   - files: every file in `directory` but the bundle, when the caller knows them (the build does);
    ///     listed from the folder otherwise.
    ///   - jobs: threads that read and compress; any number gives the same bytes.
    /// - Returns: the archive's size in bytes.
    @discardableResult
    package static func write(
        from directory: URL, files known: [String]? = nil, timestamp: (date: CivilDate, secondsOfDay: Int),
        jobs: Int = ParallelWork.defaultJobs
    ) throws -> UInt64 {
        let root = directory.path
        let files = (known ?? stagedFiles(in: root)).filter { $0 != fileName }.sorted()
        let target = root + "/" + fileName
        // A file left at the target (a recycled staging folder's) is never written into: it may share its inode.
        if unlink(target) != 0 && errno != ENOENT { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        let writer = ZipWriter(dos: ZipWriter.dosDateTime(timestamp)) { bytes in
            guard POSIXFile.writeAll(descriptor, bytes) else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        }
        try writer.addDirectory(folder + "/")
        var folders = FolderEntries()
        let work = ParallelWork(jobs: jobs)
        for start in stride(from: 0, to: files.count, by: batchSize) {
            let batch = Array(files[start..<min(start + batchSize, files.count)])
            let entries = compressed(batch, root: root, work: work)
            for (path, entry) in zip(batch, entries) {
                for name in folders.new(of: path) { try writer.addDirectory("\(folder)/\(name)/") }
                try writer.addFile(Array("\(folder)/\(path)".utf8), try entry.get())
            }
        }
        try writer.finish()
        closed = true
        guard close(descriptor) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        return writer.byteCount
    }

    /// Each file of `batch` read and deflated, in order; split into one run per thread, each with its own compressor.
    private static func compressed(_ batch: [String], root: String, work: ParallelWork) -> [Result<ZipEntryData, any Error>] {
        let runs = max(1, min(work.jobs, batch.count))
        let size = (batch.count + runs - 1) / runs
        let pieces = stride(from: 0, to: batch.count, by: size).map { Array(batch[$0..<min($0 + size, batch.count)]) }
        return work.map(pieces) { piece in
            let deflater = Deflater()
            return piece.map { path in
                Result { () throws -> ZipEntryData in
                    let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path), options: .uncached)
                    // memchr and memcmp, not `Data.range(of:)`, whose generic search showed in a build's profile.
                    if path.hasSuffix(".html"), data.withUnsafeBytes({ ByteSearch.firstRange(of: onlineOnlyStartBytes, in: $0) }) != nil {
                        return deflater.entry(withoutOnlineOnlyParts([UInt8](data)))
                    }
                    return data.withUnsafeBytes { deflater.entry($0) }
                }
            }
        }.flatMap { $0 }
    }

    /// The folders on the way to each file, each named once, parents first; files come sorted.
    private struct FolderEntries {
        private var listed = Set<String>()

        mutating func new(of path: String) -> [String] {
            let parts = path.split(separator: "/")
            return stride(from: 1, to: parts.count, by: 1).compactMap { depth in
                let name = parts[..<depth].joined(separator: "/")
                return listed.insert(name).inserted ? name : nil
            }
        }
    }

    /// The part of `path` before its last slash; empty when it has none.
    package static func folder(of path: String) -> Substring {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path[..<slash]
    }

    /// Every regular file under `root` but the bundle, in sorted order (symbolic links count as what they point to).
    private static func stagedFiles(in root: String) -> [String] {
        (FileManager.default.subpaths(atPath: root) ?? []).sorted().filter { path in
            guard path != fileName else { return false }
            var status = stat()
            // A broken link stays listed, so that reading it fails the bundle rather than leaving a page out.
            guard stat(root + "/" + path, &status) == 0 else { return true }
            return status.st_mode & S_IFMT != S_IFDIR
        }
    }

    /// The bundle's timestamp: `SOURCE_DATE_EPOCH` when set, else midnight UTC of the newest content date.
    package static func timestamp(newestContentDate: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (date: CivilDate, secondsOfDay: Int)
    {
        if let seconds = BuildDate.sourceDateEpoch(environment) {
            return (BuildDate.day(ofSeconds: seconds), seconds % 86_400)
        }
        return (CivilDate(newestContentDate) ?? CivilDate(year: 1980, month: 1, day: 1)!, 0)
    }

    /// A page as the bundle holds it: without what stands between ``onlineOnlyStart`` and ``onlineOnlyEnd``.
    package static func withoutOnlineOnlyParts(_ data: Data) -> Data {
        Data(withoutOnlineOnlyParts([UInt8](data)))
    }

    private static func withoutOnlineOnlyParts(_ bytes: [UInt8]) -> [UInt8] {
        let end = Array(onlineOnlyEnd.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while let open = ByteSearch.firstRange(of: onlineOnlyStartBytes, in: bytes, from: index),
              let close = ByteSearch.firstRange(of: end, in: bytes, from: open.upperBound) {
            kept += bytes[index..<open.lowerBound]
            index = close.upperBound
        }
        kept += bytes[index...]
        return kept
    }

    private static let onlineOnlyStartBytes = Array(onlineOnlyStart.utf8)

    /// MS-DOS date and time words (``ZipWriter/dosDateTime(_:)``).
    package static func dosDateTime(_ timestamp: (date: CivilDate, secondsOfDay: Int)) -> (date: UInt16, time: UInt16) {
        ZipWriter.dosDateTime(timestamp)
    }
}
