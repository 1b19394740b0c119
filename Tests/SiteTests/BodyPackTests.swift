import Foundation
@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
import PortalContent
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


/// The build cache's pack of rendered bodies: appended to by builds that render a few bodies,
/// rewritten when mostly stale, and read back only when a record's key matches its entry.
@Suite struct BodyPackTests {
    let contextKey: UInt64 = 0x1004_D

    /// Real bodies of the repository's content, by path, with made-up source hashes.
    func bodies() throws -> [(path: String, sourceHash: UInt64, body: RenderedBody)] {
        let site = try ContentLoader(directory: repositoryRoot.appendingPathComponent("Content"), displayRoot: "Content").load()
        let theme = try Theme.load(from: repositoryRoot.appendingPathComponent("Theme"), displayRoot: "Theme")
        let model = try SiteModel(site: site, theme: theme)
        return site.documents.prefix(12).enumerated().map { ($1.path, UInt64($0 + 1), model.body(of: $1)) }
    }

    func entries(_ bodies: [(path: String, sourceHash: UInt64, body: RenderedBody)], previous: [String: DocumentCache.Entry] = [:])
        -> [String: DocumentCache.Entry]
    {
        Dictionary(uniqueKeysWithValues: bodies.map { item in
            var entry = DocumentCache.Entry(sourceHash: item.sourceHash, facts: DocumentFacts(mentions: [], warnings: [], links: [], generatedBlocks: [], anchors: [:]))
            if let old = previous[item.path], old.sourceHash == item.sourceHash {
                entry.bodyOffset = old.bodyOffset
                entry.bodyLength = old.bodyLength
            }
            return (item.path, entry)
        })
    }

    func packSize(_ cache: DocumentCache) throws -> Int {
        try Data(contentsOf: cache.directory.appendingPathComponent("bodies.pack")).count
    }

    @Test func bodiesReadBackAfterAFullSaveAndAfterAppends() throws {
        let cache = DocumentCache(directory: try temporaryFolder("bodypack"))
        var current = try bodies()
        try cache.save(contextKey: contextKey, entries: entries(current), rendered: current, jobs: 2)
        let fullSize = try packSize(cache)
        var loaded = cache.load(contextKey: contextKey)
        for item in current {
            #expect(cache.body(path: item.path, entry: loaded[item.path]!, contextKey: contextKey) == item.body, "\(item.path)")
        }

        // One body changes: only its record is appended, and every body still reads back right.
        current[3].sourceHash = 99
        current[3].body = current[4].body
        try cache.save(contextKey: contextKey, entries: entries(current, previous: loaded), rendered: [current[3]], jobs: 2)
        #expect(try packSize(cache) > fullSize && packSize(cache) < fullSize * 2)
        loaded = cache.load(contextKey: contextKey)
        for item in current {
            #expect(cache.body(path: item.path, entry: loaded[item.path]!, contextKey: contextKey) == item.body, "\(item.path)")
        }

        // An entry for another source, or under another context, never reads a record that is not its own.
        var stale = loaded[current[3].path]!
        stale.sourceHash = 4
        #expect(cache.body(path: current[3].path, entry: stale, contextKey: contextKey) == nil)
        #expect(cache.body(path: current[3].path, entry: loaded[current[3].path]!, contextKey: contextKey + 1) == nil)
        #expect(cache.body(path: current[5].path, entry: loaded[current[3].path]!, contextKey: contextKey) == nil)
    }

    @Test func aMostlyStalePackIsRewrittenWithOnlyLiveBodies() throws {
        let cache = DocumentCache(directory: try temporaryFolder("bodypack-compact"))
        var current = try bodies()
        try cache.save(contextKey: contextKey, entries: entries(current), rendered: current, jobs: 1)
        let fullSize = try packSize(cache)
        // Re-render most bodies, round after round: the pack never grows past twice what is live.
        for round in 1...6 {
            let loaded = cache.load(contextKey: contextKey)
            for index in 1..<current.count { current[index].sourceHash += 100 * UInt64(round) }
            try cache.save(contextKey: contextKey, entries: entries(current, previous: loaded), rendered: Array(current.dropFirst()), jobs: 1)
            #expect(try packSize(cache) <= fullSize * 2, "round \(round)")
        }
        let loaded = cache.load(contextKey: contextKey)
        for item in current {
            #expect(cache.body(path: item.path, entry: loaded[item.path]!, contextKey: contextKey) == item.body, "\(item.path)")
        }
    }

    @Test func aPackThatDoesNotMatchItsIndexReadsAsAbsent() throws {
        let cache = DocumentCache(directory: try temporaryFolder("bodypack-damaged"))
        let current = try bodies()
        try cache.save(contextKey: contextKey, entries: entries(current), rendered: current, jobs: 2)
        let loaded = cache.load(contextKey: contextKey)
        let url = cache.directory.appendingPathComponent("bodies.pack")
        let pack = try Data(contentsOf: url)
        try pack.prefix(pack.count / 2).write(to: url)
        let readable = current.filter { cache.body(path: $0.path, entry: loaded[$0.path]!, contextKey: contextKey) != nil }
        #expect(!readable.isEmpty && readable.count < current.count)
        try FileManager.default.removeItem(at: url)
        #expect(current.allSatisfy { cache.body(path: $0.path, entry: loaded[$0.path]!, contextKey: contextKey) == nil })
    }

    /// A model that renders every body with a cache kept spills them to a new pack instead of keeping them;
    /// they read back the same, saving puts the file in place of the pack, and a model dropped unsaved leaves nothing.
    @Test func fullRenderSpillsBodiesAndSavingAdoptsThem() throws {
        let site = try ContentLoader(directory: repositoryRoot.appendingPathComponent("Content"), displayRoot: "Content").load()
        let theme = try Theme.load(from: repositoryRoot.appendingPathComponent("Theme"), displayRoot: "Theme")
        let inMemory = try SiteModel(site: site, theme: theme)
        let folder = try temporaryFolder("bodyspill")
        let cache = DocumentCache(directory: folder)
        // One left by a killed build (no process has this number) is deleted by the next spill.
        try Data("x".utf8).write(to: folder.appendingPathComponent(".bodies.spill.2147483646.1"))
        func leftovers() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".bodies.spill") }
        }
        do {
            let spilled = try SiteModel(site: site, theme: theme, cache: DocumentBodyCache(documents: cache, globalKey: 1))
            #expect(spilled.spill != nil)
            #expect(spilled.renderedBodies.isEmpty)
            for document in site.documents {
                #expect(spilled.body(of: document) == inMemory.body(of: document), "\(document.path)")
            }
            #expect(try leftovers().count == 1)
        }
        #expect(try leftovers().isEmpty, "a model dropped without saving deletes its spill file")

        let spilled = try SiteModel(site: site, theme: theme, cache: DocumentBodyCache(documents: cache, globalKey: 1))
        let contextKey = try #require(spilled.documentContextKey)
        let spill = try #require(spilled.spill as? BodySpill)
        let entries = Dictionary(uniqueKeysWithValues: site.documents.map { document in
            let place = spill.places[document.path]!
            return (document.path, DocumentCache.Entry(
                sourceHash: document.sourceHash, facts: spilled.facts[document.path]!, bodyOffset: place.offset, bodyLength: place.length))
        })
        try cache.adopt(spill, contextKey: contextKey, entries: entries)
        #expect(try leftovers().isEmpty)
        let loaded = cache.load(contextKey: contextKey)
        for document in site.documents {
            #expect(cache.body(path: document.path, entry: loaded[document.path]!, contextKey: contextKey) == inMemory.body(of: document))
        }
    }

    /// Without a cache, a build spills beside its output, and the file is gone once the model is.
    /// Beside the output, in a folder that is not the portal's, the spill file has no name once open: it can
    /// neither be left behind nor take the place of someone's file.
    @Test func buildWithoutACacheSpillsBesideTheOutputAndLeavesNoName() throws {
        let site = try ContentLoader(directory: repositoryRoot.appendingPathComponent("Content"), displayRoot: "Content").load()
        let theme = try Theme.load(from: repositoryRoot.appendingPathComponent("Theme"), displayRoot: "Theme")
        let inMemory = try SiteModel(site: site, theme: theme)
        #expect(inMemory.spill == nil)
        let folder = try temporaryFolder("bodyspill-nocache")
        func spillFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".bodies.spill") }
        }
        do {
            let spilled = try SiteModel(site: site, theme: theme, transientSpill: { BodySpill(directory: folder, contextKey: 0, named: false) })
            #expect(spilled.spill != nil)
            for document in site.documents {
                #expect(spilled.body(of: document) == inMemory.body(of: document), "\(document.path)")
            }
            #expect(try spillFiles().isEmpty)
        }
        #expect(try spillFiles().isEmpty)
    }

    /// `portal build` leaves the build's objects to the end of the process, so no deinit deletes the spill:
    /// the build must, with or without a cache.
    @Test(arguments: [false, true])
    func buildThatKeepsItsMemoryLeavesNoSpillFile(cached: Bool) throws {
        let folder = try temporaryFolder("bodyspill-kept-\(cached)")
        var options = SiteBuilder.Options(
            contentDirectory: repositoryRoot.appendingPathComponent("Content"),
            themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: folder.appendingPathComponent("Public"), contentDisplayRoot: "Content")
        options.keepsMemoryUntilExit = true
        options.cacheDirectory = cached ? folder.appendingPathComponent("cache") : nil
        _ = try SiteBuilder(options: options).build()
        let everything = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        #expect(everything.filter { $0.contains(".bodies.spill") }.isEmpty)
        #expect(everything.contains("Public/index.html"))
        #expect(!cached || everything.contains("cache/documents/bodies.pack"))
    }
}
