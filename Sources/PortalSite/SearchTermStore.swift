import Foundation
import PortalContent
import PortalSearch
import PortalWork

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

    /// The cache read and checked: a builder seeded with its dictionary, and each unchanged document's terms laid out for it.
    struct Prepared: Sendable {
        var builder: SearchIndex.Builder
        var terms: [String: (CachedDocumentTerms, NumberedDocumentTerms)]
    }

    private let lock = NSLock()
    /// Made on a core of its own while the site model is made on the other (see ``init(documents:keepsEntries:jobs:load:)``).
    private let preparation: BackgroundWork<Prepared>
    private var prepared: Prepared?
    /// Each document's terms as they go to the cache, with the source hash they belong to.
    private var current: [String: (sourceHash: UInt64, terms: CachedDocumentTerms)] = [:]
    private var dictionaryUsed: (terms: [String], numbers: [Int32]?)?
    private var computedAny = false
    /// Whether entries are kept for the build cache; without a cache, encoding them would only cost memory.
    private let keepsEntries: Bool

    /// Starts reading the cache with `load` and checking the terms of every document whose source is unchanged.
    ///
    /// That is most of the search index's work in a rebuild, and it needs nothing the site model makes, so
    /// it runs beside the model, which is made on one core when few bodies changed.
    init(
        documents: [ContentDocument], keepsEntries: Bool = true, jobs: Int = ParallelWork.defaultJobs,
        load: @escaping @Sendable () -> Contents
    ) {
        self.keepsEntries = keepsEntries
        if keepsEntries { current.reserveCapacity(documents.count) }
        let wanted = documents.map { (path: $0.path, sourceHash: $0.sourceHash) }
        preparation = BackgroundWork(jobs: jobs) {
            let cached = load()
            guard var builder = SearchIndex.Builder(dictionary: cached.dictionary) else {
                return Prepared(builder: SearchIndex.Builder(), terms: [:])
            }
            // Each entry takes at least four bytes in the cache, so the previous build's entries fit; growing
            // the builder's arrays by doubling showed in a rebuild's profile.
            builder.reserveCapacity(entries: cached.entries.values.reduce(0) { $0 + $1.bytes.count } / 4)
            var terms: [String: (CachedDocumentTerms, NumberedDocumentTerms)] = [:]
            for (path, sourceHash) in wanted {
                guard let entry = cached.entries[path], entry.sourceHash == sourceHash, sourceHash != 0,
                    let checked = CachedDocumentTerms.numbered(validating: entry.bytes, dictionarySize: cached.dictionary.count)
                else { continue }
                terms[path] = checked
            }
            return Prepared(builder: builder, terms: terms)
        }
    }

    /// What the cache gave, waited for on first use.
    private func preparedCache() -> Prepared {
        lock.withLock { takePrepared() }
    }

    /// What the cache gave, taken from the background work the first time; under the lock.
    private func takePrepared() -> Prepared {
        if prepared == nil { prepared = preparation.take() }
        return prepared!
    }

    /// A builder that numbers terms as the cached documents do; empty when the cache had no usable dictionary.
    ///
    /// Handed over, not copied: with a second reference to its arrays, the first document added copied them
    /// and lost their reserved room, and they then grew by doubling (a rebuild peaked 17 to 20 MiB higher).
    /// Call once.
    func makeBuilder() -> SearchIndex.Builder {
        lock.withLock {
            let builder = takePrepared().builder
            prepared!.builder = SearchIndex.Builder()
            return builder
        }
    }

    /// The terms of `document`: from the cache, or made by `compute`. Safe from several threads.
    func terms(of document: ContentDocument, compute: () -> SearchDocumentTerms) -> Terms {
        if let (terms, numbered) = preparedCache().terms[document.path] {
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
            current[document.path] = (document.sourceHash, kept)
            if case .computed = terms { computedAny = true }
        }
    }

    /// Notes the dictionary of the builder every document was added to, before it is spent, and drops what the cache gave.
    func finish(_ builder: SearchIndex.Builder) {
        let used = keepsEntries ? builder.usedDictionary : nil
        lock.withLock {
            dictionaryUsed = used
            prepared = Prepared(builder: SearchIndex.Builder(), terms: [:])
        }
    }

    /// What to save for the next build, when any document's terms had to be worked out; nil when the cache is still right.
    ///
    /// Terms no document uses any more are dropped from the dictionary, and the documents renumbered to match.
    var changes: Changes? {
        lock.withLock {
            guard computedAny, let (dictionary, numbers) = dictionaryUsed else { return nil }
            return Changes(dictionary: dictionary, entries: current, renumbering: numbers)
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
