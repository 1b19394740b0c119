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
    /// Whether entries are kept for the build cache; without a cache, encoding them would only cost memory.
    private let keepsEntries: Bool

    init(cached: [String: Entry], keepsEntries: Bool = true) {
        self.cached = cached
        self.keepsEntries = keepsEntries
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
        guard keepsEntries else { return terms }
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

    /// The terms the last build kept, when made under `contextKey`; empty otherwise.
    ///
    /// One ``CacheFile``: the context key, then per document its path, source
    /// hash and encoded ``SearchDocumentTerms``.
    func loadSearchTerms(contextKey: UInt64) -> [String: SearchTermStore.Entry] {
        guard var reader = CacheFile.read(searchTermsURL, tag: "PTRM"), (try? reader.uint64()) == contextKey,
            let entries = try? reader.array({ reader in
                (try reader.string(), SearchTermStore.Entry(sourceHash: try reader.uint64(), bytes: try reader.data()))
            }),
            reader.isAtEnd
        else { return [:] }
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    /// Written a megabyte at a time: the whole file (25 MB at 10,000 documents) in one buffer was most of
    /// what saving the cache added to a build's peak memory.
    func saveSearchTerms(_ entries: [String: SearchTermStore.Entry], contextKey: UInt64) throws {
        try CacheFile.replace(searchTermsURL) { emit in
            var writer = CacheFile.writer(tag: "PTRM", capacity: 1 << 20)
            writer.write(contextKey)
            writer.write(entries.count)
            for path in entries.keys.sorted() {
                writer.write(path)
                writer.write(entries[path]!.sourceHash)
                writer.write(entries[path]!.bytes)
                if writer.bytes.count >= 1 << 20 {
                    try emit(writer.bytes)
                    writer = BinaryWriter(capacity: 1 << 20)
                }
            }
            try emit(writer.bytes)
        }
    }
}
