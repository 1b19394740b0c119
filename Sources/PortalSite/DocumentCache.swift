import Foundation
import PortalContent

/// What rendering one body found that the rest of the site needs: small enough to keep for every document.
struct DocumentFacts: Sendable, Equatable {
    var mentions: [CodeMention]
    /// Unknown codes, and titles or grades beside a code that disagree with the catalog.
    var warnings: [Diagnostic]
    /// The links the author wrote, checked once every page exists.
    var links: [InternalLinks.Link]
    /// Info strings of the generated blocks (e.g. `staffing bands model=x`): consultations list what they propose.
    var generatedBlocks: [String]
    /// Ids of the places that mention a code, by body line.
    var anchors: [Int: String]
}

/// Rendered bodies and their ``DocumentFacts``, kept between builds so an unchanged document is not parsed again.
///
/// Lives in the build cache's `documents/` folder (``CacheFile`` records):
/// `front-matter.bin` holds every document's decoded front matter,
/// `index.bin` every document's source hash and facts, both read on every
/// build; `bodies/` holds one rendered body per file, read only for the
/// documents whose pages are made again. Everything is tied to a context key (the binary, every document's
/// front matter, the data files, the build date), because a body's links and
/// generated tables depend on them; a different key means nothing is reused.
struct DocumentCache: Sendable {
    struct Entry: Sendable {
        var sourceHash: UInt64
        var facts: DocumentFacts
    }

    let directory: URL

    private var indexURL: URL { directory.appendingPathComponent("index.bin") }
    private var documentsURL: URL { directory.appendingPathComponent("front-matter.bin") }
    private var bodiesURL: URL { directory.appendingPathComponent("bodies") }

    /// The documents the last build decoded, without bodies, by path; empty when they came from another binary.
    func loadDocuments(globalKey: UInt64) -> [String: ContentDocument] {
        guard var reader = CacheFile.read(documentsURL, tag: "PDOC"), (try? reader.uint64()) == globalKey,
            let documents = try? reader.array(ContentDocument.self), reader.isAtEnd
        else { return [:] }
        return Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Keeps `documents`' decoded front matter (their bodies are not written) for ``ContentLoader/knownDocuments``.
    func saveDocuments(_ documents: [ContentDocument], globalKey: UInt64) throws {
        var writer = CacheFile.writer(tag: "PDOC", capacity: documents.count * 1024)
        writer.write(globalKey)
        writer.write(documents)
        try CacheFile.replace(documentsURL, with: writer.bytes)
    }

    /// The file that holds the body of `path` with source `sourceHash` under `contextKey`.
    func bodyURL(path: String, sourceHash: UInt64, contextKey: UInt64) -> URL {
        URL(fileURLWithPath: directory.path + "/bodies/" + Self.bodyFileName(path: path, sourceHash: sourceHash, contextKey: contextKey))
    }

    /// The name of that file in `bodies/`; made from strings alone, since thousands are made per build.
    static func bodyFileName(path: String, sourceHash: UInt64, contextKey: UInt64) -> String {
        var hash = StableHash()
        hash.combine(contextKey)
        hash.combine(path)
        hash.combine(sourceHash)
        return String(hash.value, radix: 16) + ".bin"
    }

    /// The previous build's entries when they were made under `contextKey`; empty otherwise.
    func load(contextKey: UInt64) -> [String: Entry] {
        guard var reader = CacheFile.read(indexURL, tag: "PIDX"), (try? reader.uint64()) == contextKey,
            let entries = try? reader.array({ reader in
                (try reader.string(), Entry(sourceHash: try reader.uint64(), facts: try reader.read()))
            }),
            reader.isAtEnd
        else { return [:] }
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    /// The body kept in `url`, or nil when it is missing or unreadable.
    static func body(at url: URL) -> RenderedBody? {
        guard var reader = CacheFile.read(url, tag: "PBOD"), let body = try? reader.read(RenderedBody.self), reader.isAtEnd else { return nil }
        return body
    }

    /// Writes the bodies rendered in this build, then the index, then removes bodies no entry names.
    func save(contextKey: UInt64, entries: [String: Entry], rendered: [(path: String, sourceHash: UInt64, body: RenderedBody)], jobs: Int) throws {
        try FileManager.default.createDirectory(at: bodiesURL, withIntermediateDirectories: true)
        let failures = ParallelWork(jobs: jobs).map(rendered) { item -> Bool in
            var writer = CacheFile.writer(tag: "PBOD", capacity: 16_384)
            writer.write(item.body)
            return !CacheFile.write(writer.bytes, to: bodyURL(path: item.path, sourceHash: item.sourceHash, contextKey: contextKey).path)
        }
        if failures.contains(true) { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: bodiesURL.path]) }
        var writer = CacheFile.writer(tag: "PIDX", capacity: entries.count * 512)
        writer.write(contextKey)
        writer.write(entries.count)
        for path in entries.keys.sorted() {
            writer.write(path)
            writer.write(entries[path]!.sourceHash)
            writer.write(entries[path]!.facts)
        }
        try CacheFile.replace(indexURL, with: writer.bytes)
        let kept = Set(entries.map { Self.bodyFileName(path: $0.key, sourceHash: $0.value.sourceHash, contextKey: contextKey) })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: bodiesURL.path)) ?? [] where !kept.contains(name) {
            try? FileManager.default.removeItem(at: bodiesURL.appendingPathComponent(name))
        }
    }
}

/// The rendered bodies of one build: those rendered now, and those read from the cache when a page first asks.
final class BodyStore: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [String: RenderedBody]
    /// Where the cache keeps the body of a document not rendered in this build.
    private let cached: @Sendable (String) -> URL?
    /// Renders a body again when its cached copy cannot be read.
    private let render: @Sendable (String) -> RenderedBody

    init(rendered: [String: RenderedBody], cached: @escaping @Sendable (String) -> URL?, render: @escaping @Sendable (String) -> RenderedBody) {
        bodies = rendered
        self.cached = cached
        self.render = render
    }

    func body(_ path: String) -> RenderedBody {
        if let body = lock.withLock({ bodies[path] }) { return body }
        let body = cached(path).flatMap(DocumentCache.body(at:)) ?? render(path)
        lock.withLock { bodies[path] = body }
        return body
    }
}
