import Foundation
import PortalContent
import PortalSearch

/// Each document's tokenized search terms: from the build cache when its source is unchanged, else worked out now.
///
/// Tokenizing every body is most of the cost of the search index, and an
/// incremental build would otherwise have to read every cached body to do it.
/// The cache keeps each term once, in a dictionary, and each document's terms
/// as numbers into it (``CachedDocumentTerms``): an incremental build adds an
/// unchanged document to the index without making a `String` of any term.
final class SearchTermStore: @unchecked Sendable {
    /// One document's terms as the cache keeps them: still to be checked when read from the cache file.
    struct Entry: Sendable {
        var sourceHash: UInt64
        var bytes: [UInt8]
    }

    /// What the cache file holds.
    struct Contents: Sendable {
        /// Every term the entries number, in number order.
        var dictionary: [String]
        var entries: [String: Entry]
    }

    /// What this build leaves for the next one.
    struct Changes: Sendable {
        /// Every term some document uses, in number order.
        var dictionary: [String]
        var entries: [String: (sourceHash: UInt64, terms: CachedDocumentTerms)]
        /// Each entry's term `n` becomes `renumbering[n]` as it is written, when the dictionary dropped unused terms.
        var renumbering: [Int32]?
    }

    /// A document's terms, ready for ``SearchIndex/Builder``.
    enum Terms {
        /// From the cache, checked against the dictionary, and laid out for the builder.
        case cached(CachedDocumentTerms, NumberedDocumentTerms)
        /// Worked out in this build; `units` is their ``SearchDocumentTerms/encodedUnits()`` when a cache is kept.
        case computed(SearchDocumentTerms, units: [UInt8]?)

        var unitCount: Int {
            switch self {
            case .cached(let terms, _): terms.unitCount
            case .computed(let terms, _): terms.units.count
            }
        }
    }

    private let lock = NSLock()
    private let cached: Contents
    private var current: [String: CachedDocumentTerms] = [:]
    private var sourceHashes: [String: UInt64] = [:]
    private var dictionaryUsed: (terms: [String], numbers: [Int32]?)?
    private var computedAny = false
    /// Whether entries are kept for the build cache; without a cache, encoding them would only cost memory.
    private let keepsEntries: Bool

    init(cached: Contents, keepsEntries: Bool = true) {
        self.cached = cached
        self.keepsEntries = keepsEntries
    }

    /// A builder that numbers terms as the cached documents do; empty when the cached dictionary is unusable.
    func makeBuilder() -> SearchIndex.Builder {
        guard var builder = SearchIndex.Builder(dictionary: cached.dictionary) else { return SearchIndex.Builder() }
        // Each entry takes at least four bytes in the cache, so the previous build's entries fit; growing
        // the builder's arrays by doubling showed in a rebuild's profile.
        builder.reserveCapacity(entries: cached.entries.values.reduce(0) { $0 + $1.bytes.count } / 4)
        return builder
    }

    /// The terms of `document`: checked from the cache, or made by `compute`. Safe from several threads.
    ///
    /// - Parameter dictionarySize: the size of the dictionary of the builder the terms go to,
    ///   ``makeBuilder()``'s: cached terms are used only when the builder knows their numbers.
    func terms(of document: ContentDocument, dictionarySize: Int, compute: () -> SearchDocumentTerms) -> Terms {
        if let entry = cached.entries[document.path], entry.sourceHash == document.sourceHash, document.sourceHash != 0,
            dictionarySize == cached.dictionary.count,
            let (terms, numbered) = CachedDocumentTerms.numbered(validating: entry.bytes, dictionarySize: dictionarySize)
        {
            return .cached(terms, numbered)
        }
        let terms = compute()
        return .computed(terms, units: keepsEntries ? terms.encodedUnits() : nil)
    }

    /// Adds `terms` of `document` to `builder` and keeps them for the cache; from one thread, in index order.
    func add(_ terms: Terms, of document: ContentDocument, to builder: inout SearchIndex.Builder) {
        let kept: CachedDocumentTerms?
        switch terms {
        case .cached(let cached, let numbered):
            builder.add(numbered)
            kept = cached
        case .computed(let computed, let units):
            let numbers = builder.add(computed)
            kept = units.map { CachedDocumentTerms(numbers: numbers, encodedUnits: $0, unitCount: computed.units.count) }
        }
        guard let kept else { return }
        lock.withLock {
            current[document.path] = kept
            sourceHashes[document.path] = document.sourceHash
            if case .computed = terms { computedAny = true }
        }
    }

    /// Notes the dictionary of the builder every document was added to, before it is spent.
    func finish(_ builder: SearchIndex.Builder) {
        guard keepsEntries else { return }
        let used = builder.usedDictionary
        lock.withLock { dictionaryUsed = used }
    }

    /// What to save for the next build, when any document's terms had to be worked out; nil when the cache is still right.
    ///
    /// Terms no document uses any more are dropped from the dictionary, and the documents renumbered to match.
    var changes: Changes? {
        lock.withLock {
            guard computedAny, let (dictionary, numbers) = dictionaryUsed else { return nil }
            let entries = Dictionary(uniqueKeysWithValues: current.map { path, terms in (path, (sourceHashes[path]!, terms)) })
            return Changes(dictionary: dictionary, entries: entries, renumbering: numbers)
        }
    }
}

extension DocumentCache {
    private var searchTermsURL: URL { directory.appendingPathComponent("search-terms.bin") }

    /// The terms the last build kept, when made under `contextKey`; empty otherwise.
    ///
    /// One ``CacheFile``: the context key, the dictionary, then per document
    /// its path, source hash and ``CachedDocumentTerms`` bytes.
    func loadSearchTerms(contextKey: UInt64) -> SearchTermStore.Contents {
        let empty = SearchTermStore.Contents(dictionary: [], entries: [:])
        guard var reader = CacheFile.read(searchTermsURL, tag: "PTR2"), (try? reader.uint64()) == contextKey,
            let dictionary = try? reader.strings(),
            let entries = try? reader.array({ reader in
                (try reader.string(), SearchTermStore.Entry(sourceHash: try reader.uint64(), bytes: try reader.data()))
            }),
            reader.isAtEnd
        else { return empty }
        return SearchTermStore.Contents(dictionary: dictionary, entries: Dictionary(entries, uniquingKeysWith: { first, _ in first }))
    }

    /// Written a megabyte at a time: the whole file (25 MB at 10,000 documents, before terms were numbered) in one buffer was most of
    /// what saving the cache added to a build's peak memory.
    func saveSearchTerms(_ contents: SearchTermStore.Changes, contextKey: UInt64) throws {
        try CacheFile.replace(searchTermsURL) { emit in
            var writer = CacheFile.writer(tag: "PTR2", capacity: 1 << 20)
            writer.write(contextKey)
            writer.write(contents.dictionary)
            writer.write(contents.entries.count)
            for path in contents.entries.keys.sorted() {
                let entry = contents.entries[path]!
                writer.write(path)
                writer.write(entry.sourceHash)
                writer.write(contents.renumbering.map { entry.terms.renumbered($0).bytes } ?? entry.terms.bytes)
                if writer.bytes.count >= 1 << 20 {
                    try emit(writer.bytes)
                    writer = BinaryWriter(capacity: 1 << 20)
                }
            }
            try emit(writer.bytes)
        }
    }
}
