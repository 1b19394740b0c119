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


/// A build that fails reports located errors and leaves the previous output byte-for-byte as it was.
@Suite struct FailedBuildTests {
    /// A small site: one article, built with the real theme.
    func makeSite() throws -> (content: URL, output: URL) {
        let folder = try temporaryFolder("failed")
        let content = folder.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try Data("---\ntitle: Hello\nkind: article\ndate: 2024-01-02\n---\n\nFirst words.\n".utf8)
            .write(to: content.appendingPathComponent("articles/hello.md"))
        return (content, folder.appendingPathComponent("Public"))
    }

    func builder(_ content: URL, _ output: URL) -> SiteBuilder {
        SiteBuilder(options: .init(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content"))
    }

    func snapshot(_ folder: URL) throws -> [String: Data] {
        try fileContents(in: folder)
    }

    @Test func smallSiteBuildsWithRelativeLinks() throws {
        let (content, output) = try makeSite()
        let report = try builder(content, output).build()
        #expect(report.pagesWritten == 12)  // home, article listing, article, search page; search manifest, shard, position file, head shard, document; 404, feed, deadlines.ics (no sitemap without an address)
        let article = try read(output.appendingPathComponent("articles/hello.html"))
        #expect(article.contains("<h1>Hello</h1>"))
        #expect(article.contains("First words."))
        #expect(article.contains("href=\"../assets/site.css\""))
        #expect(article.contains("href=\"../index.html\""))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/site.css").path))
        // No staffing data, no staffing pages, and no menu entry pointing at them.
        #expect(!article.contains("Staffing figures"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("staffing").path))
    }

    @Test func brokenFrontMatterLeavesThePreviousOutputUntouched() throws {
        let (content, output) = try makeSite()
        _ = try builder(content, output).build()
        let before = try snapshot(output)
        try Data("---\ntitle: Broken\nkind: article\ndate: 2024-13-45\n---\n".utf8)
            .write(to: content.appendingPathComponent("articles/broken.md"))

        #expect {
            try builder(content, output).build()
        } throws: { error in
            guard case SiteBuilder.Failure.diagnostics(let found) = error else { return false }
            return found.items.map(\.description) == [
                "Content/articles/broken.md:4:7: error: field 'date' is '2024-13-45' but must be a real date in YYYY-MM-DD form, e.g. date: 2022-08-30"
            ]
        }
        #expect(try snapshot(output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter { $0.contains("staging") || $0.contains(".old-") }
        #expect(leftovers.isEmpty)
    }

    @Test func secondBuildReplacesTheOutputWhole() throws {
        let (content, output) = try makeSite()
        _ = try builder(content, output).build()
        // A page the site no longer has goes with the next build.
        try FileManager.default.removeItem(at: content.appendingPathComponent("articles/hello.md"))
        try Data("---\ntitle: Other\nkind: article\ndate: 2024-01-02\n---\n\nText.\n".utf8)
            .write(to: content.appendingPathComponent("articles/other.md"))
        _ = try builder(content, output).build()
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("articles/hello.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("articles/other.html").path))
    }

    @Test func aFileAddedToTheOutputStopsTheNextBuildAndIsKept() throws {
        let (content, output) = try makeSite()
        _ = try builder(content, output).build()
        try Data("stale".utf8).write(to: output.appendingPathComponent("stale.html"))
        let error = #expect(throws: SiteBuilder.Failure.self) { try builder(content, output).build() }
        guard case .refused(let refusal)? = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(refusal.message.hasPrefix("\(output.path)/stale.html was added or changed since the last build"))
        #expect(try String(contentsOf: output.appendingPathComponent("stale.html"), encoding: .utf8) == "stale")
    }

    @Test func unknownStaffingBlockIsALocatedError() throws {
        let (content, output) = try makeSite()
        try Data("---\ntitle: T\nkind: article\ndate: 2024-01-02\n---\n\nText.\n\n```staffing nonsense\n```\n".utf8)
            .write(to: content.appendingPathComponent("articles/table.md"))
        #expect {
            try builder(content, output).build()
        } throws: { error in
            guard case SiteBuilder.Failure.diagnostics(let found) = error, let first = found.items.first else { return false }
            return first.path == "Content/articles/table.md" && first.line == 9 && first.message.contains("nonsense")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
