import Foundation
import PortalContent
import PortalSearch

/// Each document's tokenized search terms: from the build cache when its source is unchanged, else worked out now.
///
/// Tokenizing every body is most of the cost of the search index, and an
/// incremental build would otherwise have to read every cached body to do it.
final class SearchTermStore: @unchecked Sendable {
    /// One document's terms as the cache keeps them.
    struct Entry: Sendable {
        var sourceHash: UInt64
        var bytes: [UInt8]
    }

    private let lock = NSLock()
    private let cached: [String: Entry]
    private var current: [String: Entry] = [:]
    private var computedAny = false

    init(cached: [String: Entry]) {
        self.cached = cached
    }

    /// The terms of `document`, decoded from the cache or made by `compute`.
    func terms(of document: ContentDocument, compute: () -> SearchDocumentTerms) -> SearchDocumentTerms {
        if let entry = cached[document.path], entry.sourceHash == document.sourceHash, document.sourceHash != 0,
            let terms = SearchDocumentTerms(decoding: entry.bytes)
        {
            lock.withLock { current[document.path] = entry }
            return terms
        }
        let terms = compute()
        let entry = Entry(sourceHash: document.sourceHash, bytes: terms.encoded())
        lock.withLock {
            current[document.path] = entry
            computedAny = true
        }
        return terms
    }

    /// The terms worked out or reused in this build, when any had to be worked out; nil when the cache is still right.
    var changedEntries: [String: Entry]? {
        lock.withLock { computedAny ? current : nil }
    }
}

extension DocumentCache {
    private var searchTermsURL: URL { directory.appendingPathComponent("search-terms.bin") }
    private static let searchTermsMagic = Array("PTS1".utf8)

    /// The terms the last build kept, when made under `contextKey`; empty otherwise.
    ///
    /// One binary file: a magic, the context key, then per document its path,
    /// source hash and encoded ``SearchDocumentTerms``, each length-prefixed.
    func loadSearchTerms(contextKey: UInt64) -> [String: SearchTermStore.Entry] {
        guard let data = FileManager.default.contents(atPath: searchTermsURL.path) else { return [:] }
        let bytes = [UInt8](data)
        var reader = ByteReader(bytes: bytes)
        guard reader.take(4).map(Array.init) == Self.searchTermsMagic, reader.uint64() == contextKey, let count = reader.uint32() else { return [:] }
        var entries: [String: SearchTermStore.Entry] = [:]
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let pathLength = reader.uint32(), let path = reader.take(Int(pathLength)), let hash = reader.uint64(),
                let length = reader.uint32(), let terms = reader.take(Int(length))
            else { return [:] }
            entries[String(decoding: path, as: UTF8.self)] = SearchTermStore.Entry(sourceHash: hash, bytes: Array(terms))
        }
        return entries
    }

    func saveSearchTerms(_ entries: [String: SearchTermStore.Entry], contextKey: UInt64) throws {
        var out = Self.searchTermsMagic
        out.reserveCapacity(entries.values.reduce(64) { $0 + $1.bytes.count + 64 })
        func append(_ value: UInt64, bytes count: Int) {
            for shift in stride(from: 0, to: count * 8, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }
        append(contextKey, bytes: 8)
        append(UInt64(entries.count), bytes: 4)
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            append(UInt64(path.utf8.count), bytes: 4)
            out += path.utf8
            append(entry.sourceHash, bytes: 8)
            append(UInt64(entry.bytes.count), bytes: 4)
            out += entry.bytes
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".search-terms.bin.\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(out)),
            rename(temporary.path, searchTermsURL.path) == 0
        else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: searchTermsURL.path])
        }
    }
}

/// Little-endian reads that return nil past the end, so a damaged file is ignored rather than trusted.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func uint64() -> UInt64? {
        take(8).map { $0.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    }

    mutating func uint32() -> UInt32? {
        take(4).map { $0.reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    }
}
