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


/// A build writes each page into its staging folder as soon as the page is made (``PageSink``), before the
/// link and path checks run over every page; a check keeps only paths. Neither may change what is built or reported.
@Suite struct StreamedBuildTests {
    /// A small site whose second article links an anchor on the first; `anchor` picks which.
    func makeSite(anchor: String) throws -> (content: URL, output: URL) {
        let folder = try temporaryFolder("streamed")
        let content = folder.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try Data("---\ntitle: Hello\nkind: article\ndate: 2024-01-02\n---\n\nFirst words.\n\n## Second part\n\nMore words.\n".utf8)
            .write(to: content.appendingPathComponent("articles/hello.md"))
        try linkAnchor(anchor, in: content)
        return (content, folder.appendingPathComponent("Public"))
    }

    func linkAnchor(_ anchor: String, in content: URL) throws {
        try Data("---\ntitle: Links\nkind: article\ndate: 2024-01-03\n---\n\nSee [the second part](hello.md#\(anchor)).\n".utf8)
            .write(to: content.appendingPathComponent("articles/links.md"))
    }

    func builder(_ content: URL, _ output: URL, cached: Bool = false) -> SiteBuilder {
        var options = SiteBuilder.Options(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content")
        if cached { options.cacheDirectory = output.deletingLastPathComponent().appendingPathComponent(".portal-cache") }
        return SiteBuilder(options: options)
    }

    /// Staging and old folders beside `output`; a failed build leaves none.
    func leftovers(beside output: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter { $0.contains(".staging-") || $0.contains(".old-") }
    }

    /// The broken anchor is found only once every page exists, when the pages are already in the staging folder;
    /// the previous output must still be exactly as it was. With the cache, the linked page is one reused from it.
    @Test(arguments: [false, true])
    func brokenAnchorAfterPagesWereWrittenLeavesThePreviousOutputUntouched(cached: Bool) throws {
        let (content, output) = try makeSite(anchor: "second-part")
        _ = try builder(content, output, cached: cached).build()
        let before = try fileContents(in: output)
        #expect(before["articles/links.html"].map { String(decoding: $0, as: UTF8.self) }?.contains("hello.html#second-part\"") == true)

        try linkAnchor("no-such-part", in: content)
        #expect {
            try builder(content, output, cached: cached).build()
        } throws: { error in
            guard case SiteBuilder.Failure.diagnostics(let found) = error else { return false }
            return found.items.map(\.description) == [
                "Content/articles/links.md:7:5: error: link 'hello.md#no-such-part' points to '#no-such-part', "
                    + "which is not an anchor on articles/hello.html; anchors there: main, second-part, site-search-query"
            ]
        }
        #expect(try fileContents(in: output) == before)
        #expect(try leftovers(beside: output).isEmpty)
        // The failed build's staging folder, half new files, is what the next build recycles.
        let recycle = output.deletingLastPathComponent().appendingPathComponent(".Public.recycle")
        #expect(FileManager.default.fileExists(atPath: recycle.appendingPathComponent("articles/links.html").path))

        // Fixed again, the build swaps in the same site as a build from nothing.
        try linkAnchor("second-part", in: content)
        _ = try builder(content, output, cached: cached).build()
        #expect(try fileContents(in: output) == before)
    }

    @Test func brokenAnchorOnAFirstBuildWritesNoOutput() throws {
        let (content, output) = try makeSite(anchor: "no-such-part")
        #expect(throws: SiteBuilder.Failure.self) { try builder(content, output).build() }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try leftovers(beside: output).isEmpty)
    }

    /// The staging folder a build fills while checking holds exactly the pages a check that keeps them makes,
    /// and nothing is committed until ``SiteBuilder/build()`` says so.
    @Test func streamedPagesEqualKeptPages() throws {
        let output = try temporaryFolder("streamed-real").appendingPathComponent("Public")
        let builder = SiteBuilder(options: .init(
            contentDirectory: repositoryRoot.appendingPathComponent("Content"),
            themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content"))
        let kept = try builder.check(keepingPages: true)
        let dropped = try builder.check()
        let (streamed, staged) = try builder.stage(incremental: nil)
        let staging = staged.staging

        #expect(kept.pages.count > 50)
        #expect(streamed.pages.map(\.path) == kept.pages.map(\.path))
        #expect(dropped.pages.map(\.path) == kept.pages.map(\.path))
        #expect(streamed.warnings == kept.warnings && dropped.warnings == kept.warnings)
        #expect(streamed.pages.allSatisfy { $0.contents.isEmpty && $0.written != nil } && dropped.pages.allSatisfy { $0.contents.isEmpty })
        // The staging folder carries the portal's marker from the start (``OutputClaim``); the rest is the pages.
        var files = try fileContents(in: staging)
        #expect(files.removeValue(forKey: OutputClaim.markerName) != nil)
        #expect(files.keys.sorted() == kept.pages.map(\.path).sorted())
        let differing = kept.pages.filter { files[$0.path] != $0.data() }.map(\.path)
        #expect(differing.isEmpty, "staged files that differ from the kept pages: \(differing.prefix(8))")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// A recycled file no other name shares is rewritten in place (no new inode); one shared with the live
    /// output is replaced, never written into. Either way the live output stays as it was until the swap.
    @Test func recycledFilesAreRewrittenInPlaceOnlyWhenNothingElseSharesThem() throws {
        let (content, output) = try makeSite(anchor: "second-part")
        let recycle = output.deletingLastPathComponent().appendingPathComponent(".Public.recycle")
        func inode(_ url: URL) throws -> UInt64 {
            try #require(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? UInt64)
        }
        // Two builds that render every page: the first one's output becomes the recycle folder, unshared.
        _ = try builder(content, output).build()
        _ = try builder(content, output).build()
        let page = "articles/hello.html"
        let recycledInode = try inode(recycle.appendingPathComponent(page))
        let live = try fileContents(in: output)
        let liveInode = try inode(output.appendingPathComponent(page))
        #expect(recycledInode != liveInode)

        try Data("---\ntitle: Hello again\nkind: article\ndate: 2024-01-02\n---\n\nFirst words.\n\n## Second part\n\nMore words.\n".utf8)
            .write(to: content.appendingPathComponent("articles/hello.md"))
        let (_, staged) = try builder(content, output).stage(incremental: nil)
        let staging = staged.staging
        #expect(try inode(staging.appendingPathComponent(page)) == recycledInode)
        #expect(String(decoding: try Data(contentsOf: staging.appendingPathComponent(page)), as: UTF8.self).contains("Hello again"))
        #expect(try fileContents(in: output) == live)
        #expect(try inode(output.appendingPathComponent(page)) == liveInode)
    }
}
