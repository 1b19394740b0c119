import Foundation
import PortalContent
import PortalSearch
import PortalWork

/// Each document's tokenized search terms: from the build cache when its source is unchanged, else worked out now.
///
/// Tokenizing every body is most of the cost of the search index, and an
/// incremental build would otherwise have to read every cached body to do it.
/// The cache keeps the index builder's own arrays for every document
/// (``BuilderSnapshot``): an incremental build appends an unchanged
/// document's entries to a builder made from the same dictionary as they are,
/// without making a `String` of any term or decoding anything per document.
package final class SearchTermStore: @unchecked Sendable {
    /// What the cache file holds: a builder's snapshot and, for each of its documents in order, its path and source hash.
    package struct Contents: Sendable {
        package var documents: [(path: String, sourceHash: UInt64)]
        package var snapshot: BuilderSnapshot

        package init(documents: [(path: String, sourceHash: UInt64)], snapshot: BuilderSnapshot) {
            self.documents = documents
            self.snapshot = snapshot
        }
    }

    /// What this build leaves for the next one.
    package struct Changes: Sendable {
        package var documents: [(path: String, sourceHash: UInt64)]
        package var snapshot: BuilderSnapshot
        /// The dictionary to write, and each term's new number, when terms no document uses any more were dropped.
        package var usedDictionary: (terms: [String], numbers: [Int32]?)
    }

    /// A document's terms, ready for ``SearchIndex/Builder``.
    package enum Terms {
        /// Document `number` of the cached snapshot, whose units are `unitCount`.
        case cached(number: Int, unitCount: Int)
        /// Worked out in this build.
        case computed(SearchDocumentTerms)

        package var unitCount: Int {
            switch self {
            case .cached(_, let unitCount): unitCount
            case .computed(let terms): terms.units.count
            }
        }
    }

    /// The cache read and checked: a builder seeded with its dictionary, the snapshot, and where each document is in it.
    package struct Prepared: Sendable {
        package var builder: SearchIndex.Builder
        package var snapshot: BuilderSnapshot?
        package var documents: [String: (sourceHash: UInt64, number: Int)]

        /// No cache to use: every document's terms are worked out.
        package static var empty: Prepared { Prepared(builder: SearchIndex.Builder(), snapshot: nil, documents: [:]) }
    }

    private let lock = NSLock()
    /// Made on a core of its own while the site model is made on the other (see ``init(documents:jobs:load:save:)``).
    private let preparation: BackgroundWork<Prepared>
    private var prepared: Prepared?
    /// The documents added to the builder so far, in order: the snapshot's documents once it is finished.
    private var added: [(path: String, sourceHash: UInt64)] = []
    private var computedAny = false
    /// Saves what the builder holds for the next build; nil without a build cache.
    private let save: (@Sendable (Changes) -> Void)?
    private let jobs: Int
    /// The save started by ``finish(_:)``, until ``waitForSave()``.
    private var saving: BackgroundWork<Void>?

    /// Starts reading the cache with `load` and checking it.
    ///
    /// That needs nothing the site model makes, so it runs beside the model, which is made on one core when
    /// few bodies changed.
    ///
    /// - Parameter save: keeps what the builder holds for the next build, when any document's terms had to be
    ///   worked out; called on another thread from ``finish(_:)``. Nil keeps nothing.
    package init(
        documents: [ContentDocument], jobs: Int = ParallelWork.defaultJobs, load: @escaping @Sendable () -> Contents?,
        save: (@Sendable (Changes) -> Void)?
    ) {
        self.save = save
        self.jobs = jobs
        if save != nil { added.reserveCapacity(documents.count) }
        preparation = BackgroundWork(jobs: jobs) {
            guard let cached = load(), var builder = SearchIndex.Builder(dictionary: cached.snapshot.dictionary),
                cached.documents.count == cached.snapshot.documentCount
            else {
                return Prepared.empty
            }
            // The previous build's entries fit, so the builder's arrays are not grown (and copied) by doubling.
            builder.reserveCapacity(
                entries: cached.snapshot.entryCount + cached.snapshot.entryCount / 64,
                positions: cached.snapshot.positionCount + cached.snapshot.positionCount / 64)
            var numbers: [String: (sourceHash: UInt64, number: Int)] = [:]
            numbers.reserveCapacity(cached.documents.count)
            for (number, document) in cached.documents.enumerated() where document.sourceHash != 0 {
                numbers[document.path] = (document.sourceHash, number)
            }
            return Prepared(builder: builder, snapshot: cached.snapshot, documents: numbers)
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

    /// A builder that numbers terms as the cached snapshot does; empty when the cache had no usable snapshot.
    ///
    /// Handed over, not copied: with a second reference to its arrays, the first document added copied them
    /// and lost their reserved room, and they then grew by doubling.
    /// Call once.
    package func makeBuilder() -> SearchIndex.Builder {
        lock.withLock {
            let builder = takePrepared().builder
            prepared!.builder = SearchIndex.Builder()
            return builder
        }
    }

    /// The terms of `document`: from the cache, or made by `compute`. Safe from several threads.
    package func terms(of document: ContentDocument, compute: () -> SearchDocumentTerms) -> Terms {
        let cache = preparedCache()
        if let snapshot = cache.snapshot, let kept = cache.documents[document.path], kept.sourceHash == document.sourceHash {
            return .cached(number: kept.number, unitCount: snapshot.unitCount(ofDocument: kept.number))
        }
        return .computed(compute())
    }

    /// Adds `terms` of `document` to `builder`, made by ``makeBuilder()``; from one thread, in index order.
    package func add(_ terms: Terms, of document: ContentDocument, to builder: inout SearchIndex.Builder) {
        switch terms {
        case .cached(let number, _):
            builder.append(preparedCache().snapshot!, document: number)
        case .computed(let computed):
            builder.add(computed)
        }
        lock.withLock {
            if save != nil { added.append((document.path, document.sourceHash)) }
            if case .computed = terms { computedAny = true }
        }
    }

    /// Starts saving what the builder every document was added to holds, before it is spent, when any document's
    /// terms had to be worked out (else the cache is still right); drops what the cache gave.
    ///
    /// The save shares the builder's arrays and writes them at once, on another thread, while the index is
    /// worked out from them: kept until the finishing stage, they would add their size to a full build's peak.
    package func finish(_ builder: SearchIndex.Builder) {
        lock.withLock {
            prepared = Prepared.empty
            guard let save, computedAny else { return }
            let changes = Changes(documents: added, snapshot: builder.snapshot, usedDictionary: builder.usedDictionary)
            added = []
            saving = BackgroundWork(jobs: jobs) { save(changes) }
        }
    }

    /// Waits for the save ``finish(_:)`` started, if any.
    package func waitForSave() {
        let saving = lock.withLock { () -> BackgroundWork<Void>? in
            defer { self.saving = nil }
            return self.saving
        }
        saving?.result()
    }
}
