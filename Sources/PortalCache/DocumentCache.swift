import Foundation
import PortalBinaryCodec
import PortalBytes
import PortalContent
import PortalOutput
import PortalPages
import PortalRender
import PortalWork

#if canImport(Glibc)
import Glibc
#endif

/// Rendered bodies and their ``DocumentFacts``, kept between builds so an unchanged document is not parsed again.
///
/// Lives in the build cache's `documents/` folder (``CacheFile`` records):
/// `front-matter.bin` holds every document's decoded front matter,
/// `index.bin` every document's source hash, facts and where its body is, all
/// read on every build; `bodies.pack` holds the rendered bodies one after
/// another, each read only when a page that shows it is made again.
/// Everything is tied to a context key (the binary, every document's front
/// matter, the data files, the build date), because a body's links and
/// generated tables depend on them; a different key means nothing is reused.
///
/// One pack instead of a file per body: a file per body costs the file system an
/// inode and a directory entry for every document. A build appends the bodies it rendered and
/// rewrites the pack only when most of it is stale. Each record starts with
/// its body's key, checked on every read, so a pack that does not match its
/// index (a crash between the two writes, a damaged file) only means bodies
/// are rendered again.
package struct DocumentCache: Sendable {
    /// One document's kept body: its source hash, facts and place in `bodies.pack`.
    package typealias Entry = CachedBody

    package let directory: URL

    private var indexURL: URL { directory.appendingPathComponent("index.bin") }
    private var documentsURL: URL { directory.appendingPathComponent("front-matter.bin") }
    private var packURL: URL { directory.appendingPathComponent("bodies.pack") }
    /// Where earlier versions kept one file per body; removed when the pack is written.
    private var oldBodiesURL: URL { directory.appendingPathComponent("bodies") }

    /// The documents the last build decoded, without bodies, by path; empty when they came from another binary.
    package func loadDocuments(globalKey: UInt64) -> [String: ContentDocument] {
        guard var reader = CacheFile.read(documentsURL, tag: "PDOC"), (try? reader.uint64()) == globalKey,
            let documents = try? reader.array(ContentDocument.self), reader.isAtEnd
        else { return [:] }
        return Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Keeps `documents`' decoded front matter (their bodies are not written) for ``ContentLoader/knownDocuments``.
    package func saveDocuments(_ documents: [ContentDocument], globalKey: UInt64) throws {
        var writer = CacheFile.writer(tag: "PDOC", capacity: documents.count * 1024)
        writer.write(globalKey)
        writer.write(documents)
        try CacheFile.replace(documentsURL, with: writer.bytes)
    }

    /// The key a body's record carries: made from strings alone, since thousands are made per build.
    package static func bodyKey(path: String, sourceHash: UInt64, contextKey: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.combine(contextKey)
        hash.combine(path)
        hash.combine(sourceHash)
        return hash.value
    }

    /// The previous build's entries when they were made under `contextKey`; empty otherwise.
    package func load(contextKey: UInt64) -> [String: Entry] {
        guard var reader = CacheFile.read(indexURL, tag: "PIDX"), (try? reader.uint64()) == contextKey,
            let entries = try? reader.array({ reader in
                (try reader.string(), Entry(
                    sourceHash: try reader.uint64(), facts: try reader.read(), bodyOffset: try reader.uint64(), bodyLength: try reader.uint64()))
            }),
            reader.isAtEnd
        else { return [:] }
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    /// The body of `path` that `entry` places in the pack, or nil when it is missing, damaged or another body.
    package func body(path: String, entry: Entry, contextKey: UInt64) -> RenderedBody? {
        guard entry.bodyLength > 16, entry.bodyLength < 1 << 31,
            let record = Self.readRecord(packURL.path, offset: entry.bodyOffset, length: Int(entry.bodyLength))
        else { return nil }
        return Self.decodeBody(record, key: Self.bodyKey(path: path, sourceHash: entry.sourceHash, contextKey: contextKey))
    }

    /// The body in one whole record (``record(_:key:)``), or nil when its key or length is another's or it is damaged.
    package static func decodeBody(_ record: [UInt8], key: UInt64) -> RenderedBody? {
        var reader = BinaryReader(record)
        guard record.count > 16, (try? reader.uint64()) == key, (try? reader.uint64()) == UInt64(record.count - 16),
            (try? reader.string()) == "PBOD", (try? reader.int()) == CacheFile.formatVersion,
            let body = try? reader.read(RenderedBody.self), reader.isAtEnd
        else { return nil }
        return body
    }

    private static func readRecord(_ path: String, offset: UInt64, length: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return readRecord(descriptor, offset: offset, length: length)
    }

    /// `length` bytes at `offset` of an open file, or nil when the file is shorter or cannot be read.
    package static func readRecord(_ descriptor: Int32, offset: UInt64, length: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, length - done, off_t(offset) + off_t(done)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            done += count
        }
        return bytes
    }

    /// One body's record: its key, the length of what follows, then the body as a ``CacheFile`` record.
    package static func record(_ body: RenderedBody, key: UInt64) -> [UInt8] {
        var payload = CacheFile.writer(tag: "PBOD", capacity: 16_384)
        payload.write(body)
        var header = BinaryWriter(capacity: 16)
        header.write(key)
        header.write(UInt64(payload.bytes.count))
        return header.bytes + payload.bytes
    }

    /// Stores the bodies rendered in this build in the pack, then writes the index.
    ///
    /// - Parameter entries: every document's entry; those of bodies taken from the cache keep their place.
    package func save(contextKey: UInt64, entries: [String: Entry], rendered: [(path: String, sourceHash: UInt64, body: RenderedBody)], jobs: Int) throws {
        var entries = entries
        let renderedPaths = Set(rendered.map(\.path))
        let rewrite = packNeedsRewrite(entries: entries, renderedPaths: renderedPaths, renderedCount: rendered.count)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if rewrite {
            try rewritePack(entries: &entries, renderedPaths: renderedPaths, rendered: rendered, contextKey: contextKey, jobs: jobs)
        } else {
            try appendToPack(entries: &entries, rendered: rendered, contextKey: contextKey, jobs: jobs)
        }
        try saveIndex(contextKey: contextKey, entries: entries)
    }

    /// Whether to write a pack of only the live bodies: appending would leave it mostly stale, or nothing in it is kept.
    private func packNeedsRewrite(entries: [String: Entry], renderedPaths: Set<String>, renderedCount: Int) -> Bool {
        // Counted without gathering them: after a small edit the pack is appended to, and the kept bodies,
        // nearly every document, need no list in path order (which would sort nearly every document again).
        var (keptCount, keptBytes) = (0, UInt64(0))
        for (path, entry) in entries where entry.bodyLength > 0 && !renderedPaths.contains(path) {
            keptCount += 1
            keptBytes += entry.bodyLength
        }
        var info = stat()
        let packSize = stat(packURL.path, &info) == 0 ? UInt64(info.st_size) : 0
        // Appending grows the pack by about as much as the new bodies' share of the live ones.
        let newBytesGuess = keptBytes / UInt64(max(keptCount, 1)) * UInt64(renderedCount)
        return keptCount == 0 || packSize < keptBytes || packSize + newBytesGuess > 2 * (keptBytes + newBytesGuess)
    }

    /// Writes a new pack of the kept bodies, in path order, then the rendered ones, and renames it into place.
    private func rewritePack(
        entries: inout [String: Entry], renderedPaths: Set<String>, rendered: [(path: String, sourceHash: UInt64, body: RenderedBody)],
        contextKey: UInt64, jobs: Int
    ) throws {
        let kept = entries.filter { !renderedPaths.contains($0.key) && $0.value.bodyLength > 0 }.sorted { $0.key < $1.key }
        let temporary = directory.appendingPathComponent(".bodies.pack.\(getpid())").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary]) }
        var offset: UInt64 = 0
        var written = true
        for (path, entry) in kept {
            guard let record = Self.readRecord(packURL.path, offset: entry.bodyOffset, length: Int(entry.bodyLength)) else {
                entries[path]?.bodyLength = 0
                continue
            }
            written = written && record.withUnsafeBytes { POSIXFile.writeAll(descriptor, $0) }
            entries[path]?.bodyOffset = offset
            offset += UInt64(record.count)
        }
        written = written
            && Self.appendRecords(of: rendered, to: descriptor, at: offset, entries: &entries, contextKey: contextKey, jobs: jobs)
        close(descriptor)
        guard written, rename(temporary, packURL.path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: packURL.path])
        }
    }

    /// Appends the rendered bodies to the end of the pack as it is.
    private func appendToPack(
        entries: inout [String: Entry], rendered: [(path: String, sourceHash: UInt64, body: RenderedBody)], contextKey: UInt64, jobs: Int
    ) throws {
        let descriptor = open(packURL.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: packURL.path]) }
        defer { close(descriptor) }
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0, Self.appendRecords(of: rendered, to: descriptor, at: UInt64(end), entries: &entries, contextKey: contextKey, jobs: jobs)
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: packURL.path])
        }
    }

    /// Writes the rendered bodies' records to `descriptor` from offset `start` and places them in `entries`;
    /// false when a write fails.
    ///
    /// Records are encoded a batch at a time on every core and written as they come, so the pack is never whole in memory.
    private static func appendRecords(
        of rendered: [(path: String, sourceHash: UInt64, body: RenderedBody)], to descriptor: Int32, at start: UInt64,
        entries: inout [String: Entry], contextKey: UInt64, jobs: Int
    ) -> Bool {
        let work = ParallelWork(jobs: jobs)
        var offset = start
        for batchStart in stride(from: 0, to: rendered.count, by: 256) {
            let batch = rendered[batchStart..<min(batchStart + 256, rendered.count)]
            let records = work.map(Array(batch)) { item in
                Self.record(item.body, key: Self.bodyKey(path: item.path, sourceHash: item.sourceHash, contextKey: contextKey))
            }
            for (item, record) in zip(batch, records) {
                guard record.withUnsafeBytes({ POSIXFile.writeAll(descriptor, $0) }) else { return false }
                entries[item.path]?.bodyOffset = offset
                entries[item.path]?.bodyLength = UInt64(record.count)
                offset += UInt64(record.count)
            }
        }
        return true
    }

    /// Puts the bodies `spill` wrote in place of the pack, then writes the index, whose entries place them.
    package func adopt(_ spill: BodySpill, contextKey: UInt64, entries: [String: Entry]) throws {
        guard spill.adopt(as: packURL.path) else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: packURL.path]) }
        try saveIndex(contextKey: contextKey, entries: entries)
    }

    private func saveIndex(contextKey: UInt64, entries: [String: Entry]) throws {
        var writer = CacheFile.writer(tag: "PIDX", capacity: entries.count * 512)
        writer.write(contextKey)
        writer.write(entries.count)
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            writer.write(path)
            writer.write(entry.sourceHash)
            writer.write(entry.facts)
            writer.write(entry.bodyOffset)
            writer.write(entry.bodyLength)
        }
        try CacheFile.replace(indexURL, with: writer.bytes)
        try? FileManager.default.removeItem(at: oldBodiesURL)
    }
}
