import Foundation
import PortalContent

/// What rendering one body found that the rest of the site needs: small enough to keep for every document.
struct DocumentFacts: Codable, Sendable {
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
/// Lives in the build cache's `documents/` folder: `index.json` holds every
/// document's source hash and facts, read on every build; `bodies/` holds one
/// rendered body per file, read only for the documents whose pages are made
/// again. Everything is tied to a context key (the binary, every document's
/// front matter, the data files, the build date), because a body's links and
/// generated tables depend on them; a different key means nothing is reused.
struct DocumentCache: Sendable {
    static let formatVersion = 1

    struct Entry: Codable, Sendable {
        var sourceHash: UInt64
        var facts: DocumentFacts
    }

    private struct Index: Codable {
        var version: Int
        var contextKey: UInt64
        var entries: [String: Entry]
    }

    let directory: URL

    private var indexURL: URL { directory.appendingPathComponent("index.json") }
    private var documentsURL: URL { directory.appendingPathComponent("front-matter.json") }

    private struct DecodedDocuments: Codable {
        var version: Int
        var globalKey: UInt64
        var documents: [ContentDocument]
    }

    /// The documents the last build decoded, without bodies, by path; empty when they came from another binary.
    func loadDocuments(globalKey: UInt64) -> [String: ContentDocument] {
        guard let data = FileManager.default.contents(atPath: documentsURL.path),
            let stored = try? JSONDecoder().decode(DecodedDocuments.self, from: data),
            stored.version == Self.formatVersion, stored.globalKey == globalKey
        else { return [:] }
        return Dictionary(stored.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Keeps `documents`' decoded front matter (their bodies are not written) for ``ContentLoader/knownDocuments``.
    func saveDocuments(_ documents: [ContentDocument], globalKey: UInt64) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = try JSONEncoder().encode(DecodedDocuments(version: Self.formatVersion, globalKey: globalKey, documents: documents))
        let temporary = directory.appendingPathComponent(".front-matter.json.\(getpid())")
        guard Self.write(data, to: temporary.path) else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path]) }
        guard rename(temporary.path, documentsURL.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: documentsURL.path])
        }
    }
    private var bodiesURL: URL { directory.appendingPathComponent("bodies") }

    /// The file that holds the body of `path` with source `sourceHash` under `contextKey`.
    func bodyURL(path: String, sourceHash: UInt64, contextKey: UInt64) -> URL {
        var hash = StableHash()
        hash.combine(contextKey)
        hash.combine(path)
        hash.combine(sourceHash)
        return bodiesURL.appendingPathComponent(String(hash.value, radix: 16) + ".json")
    }

    /// The previous build's entries when they were made under `contextKey`; empty otherwise.
    func load(contextKey: UInt64) -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: indexURL.path),
            let index = try? JSONDecoder().decode(Index.self, from: data),
            index.version == Self.formatVersion, index.contextKey == contextKey
        else { return [:] }
        return index.entries
    }

    /// Writes `data` to `path` with plain POSIX calls: Foundation's `Data.write` syncs each file to disk,
    /// which for ten thousand bodies costs seconds, and a cache lost in a crash only means a full build.
    private static func write(_ data: Data, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// The body kept in `url`, or nil when it is missing or unreadable.
    static func body(at url: URL) -> RenderedBody? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(RenderedBody.self, from: data)
    }

    /// Writes the bodies rendered in this build, then the index, then removes bodies no entry names.
    func save(contextKey: UInt64, entries: [String: Entry], rendered: [(path: String, sourceHash: UInt64, body: RenderedBody)], jobs: Int) throws {
        try FileManager.default.createDirectory(at: bodiesURL, withIntermediateDirectories: true)
        let failures = ParallelWork(jobs: jobs).map(rendered) { item -> Bool in
            let url = bodyURL(path: item.path, sourceHash: item.sourceHash, contextKey: contextKey)
            guard let data = try? JSONEncoder().encode(item.body) else { return true }
            return !Self.write(data, to: url.path)
        }
        if failures.contains(true) { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: bodiesURL.path]) }
        let temporary = directory.appendingPathComponent(".index.json.\(getpid())")
        guard Self.write(try JSONEncoder().encode(Index(version: Self.formatVersion, contextKey: contextKey, entries: entries)), to: temporary.path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        guard rename(temporary.path, indexURL.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: indexURL.path])
        }
        let kept = Set(entries.map { bodyURL(path: $0.key, sourceHash: $0.value.sourceHash, contextKey: contextKey).lastPathComponent })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: bodiesURL.path)) ?? [] where !kept.contains(name) {
            try? FileManager.default.removeItem(at: bodiesURL.appendingPathComponent(name))
        }
    }
}

/// The rendered bodies of one build: those rendered now, and those read from the cache when a page first asks.
final class BodyStore: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [String: RenderedBody]
    private let cached: [String: URL]
    /// Renders a body again when its cached copy cannot be read.
    private let render: @Sendable (String) -> RenderedBody

    init(rendered: [String: RenderedBody], cached: [String: URL], render: @escaping @Sendable (String) -> RenderedBody) {
        bodies = rendered
        self.cached = cached
        self.render = render
    }

    func body(_ path: String) -> RenderedBody {
        if let body = lock.withLock({ bodies[path] }) { return body }
        let body = cached[path].flatMap(DocumentCache.body(at:)) ?? render(path)
        lock.withLock { bodies[path] = body }
        return body
    }
}
