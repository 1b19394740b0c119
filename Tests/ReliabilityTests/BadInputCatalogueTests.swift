import Foundation
import PortalBundle
import PortalCache
import PortalCheck
import PortalContent
import PortalOutput
import PortalPages
import PortalRender
import PortalSite
import Testing

/// One entry of the bad-input catalogue: `Tests/Fixtures/bad-input/<name>/Content/…` and its `expected.txt`.
///
/// `expected.txt` holds the one diagnostic the case must produce, in the
/// compiler format; `{fixture}` stands for the case folder's absolute path.
struct BadInputCase: CustomTestStringConvertible, Sendable {
    static let folder = fixturesFolder.appendingPathComponent("bad-input")

    let name: String

    static var all: [BadInputCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map(BadInputCase.init)
    }

    var directory: URL { Self.folder.appendingPathComponent(name) }
    var testDescription: String { name }

    func expected() throws -> String {
        let text = try String(contentsOf: directory.appendingPathComponent("expected.txt"), encoding: .utf8)
        return text.trimmingCharacters(in: .newlines)
            .replacingOccurrences(of: "{fixture}", with: directory.resolvingSymlinksInPath().path)
    }
}

/// Every entry in the catalogue gives exactly one clear, located error and exit 1: no crash, trap or hang.
@Suite struct BadInputCatalogueTests {
    @Test func catalogueCoversTheIssue() {
        let names = Set(BadInputCase.all.map(\.name))
        for required in [
            "frontmatter-unterminated", "frontmatter-invalid-yaml", "frontmatter-wrong-type", "frontmatter-missing-field",
            "frontmatter-unknown-kind", "frontmatter-invalid-date", "duplicate-output-path", "output-path-of-generated-page",
            "occupation-code-malformed", "occupation-code-duplicate", "file-not-utf8", "file-empty", "symlink-outside",
            "path-dotdot-consultation", "path-dotdot-enclosure", "csv-missing-column", "csv-non-numeric-count",
            "csv-negative-count", "model-weights-not-100", "model-bands-overlap", "model-bands-gap",
            "staffing-block-unknown", "enclosure-missing-document",
            // Issue #28: input rules, and one mistake giving one error.
            "file-upper-case-extension", "frontmatter-date-year-zero", "frontmatter-date-year-9999", "enclosure-self",
            "position-file-name-mismatch", "position-file-name-wrong-version", "follow-on-letter", "follow-on-position",
            "follow-on-presentation", "file-name-too-long", "csv-count-too-large", "frontmatter-nesting-too-deep",
            "site-config-nesting-too-deep", "link-control-character",
        ] {
            #expect(names.contains(required), "no fixture for \(required)")
        }
    }

    /// In process: the check reports exactly the expected diagnostic, with its location.
    @Test(arguments: BadInputCase.all)
    func checkReportsTheLocatedError(_ entry: BadInputCase) throws {
        let output = try temporaryFolder(entry.name).appendingPathComponent("Public")
        let builder = SiteBuilder(options: .init(
            contentDirectory: entry.directory.appendingPathComponent("Content"), themeDirectory: themeFolder,
            outputDirectory: output, contentDisplayRoot: "Content"))
        let expected = try entry.expected()
        let error = #expect(throws: SiteBuilder.Failure.self) { try builder.build() }
        guard case .diagnostics(let found)? = error else {
            Issue.record("expected located diagnostics, got \(String(describing: error))")
            return
        }
        #expect(found.errors.map(\.description) == [expected])
        #expect(!FileManager.default.fileExists(atPath: output.path), "a failed build created the output")
    }

    /// As a user runs it: `portal build` prints the error first, exits 1, and neither crashes nor hangs; an output
    /// an earlier build made, sentinel page included, is left byte for byte as it was.
    @Test(arguments: BadInputCase.all)
    func binaryExitsOneWithTheError(_ entry: BadInputCase) throws {
        let folder = try temporaryFolder(entry.name)
        let output = folder.appendingPathComponent("Public")
        let sentinel = "---\ntitle: Sentinel\nkind: article\ndate: 2024-01-02\n---\n\nThe earlier build's page.\n"
        try write(sentinel, to: folder.appendingPathComponent("Earlier/articles/sentinel.md"))
        let earlier = try Portal.run(
            ["build", "--content", "Earlier", "--theme", themeFolder.path, "--output", output.path, "--no-cache"], in: folder)
        try #require(earlier.status == 0, "\(earlier.stderr)")
        let before = try snapshot(output)
        #expect(before["articles/sentinel.html"] != nil)
        let result = try Portal.run(
            ["build", "--content", "Content", "--theme", themeFolder.path, "--output", output.path],
            in: entry.directory, timeout: 60)
        #expect(!result.timedOut, "portal hung")
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)")
        #expect(!looksLikeACrash(result.stderr), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == (try entry.expected()))
        #expect(differences(before, try snapshot(output)).isEmpty, "the failed build changed the earlier output")
    }

    /// The size limit is checked before reading; the 10 MB file is made here rather than committed.
    @Test func fileOverTheSizeLimit() throws {
        let folder = try temporaryFolder()
        let content = folder.appendingPathComponent("Content")
        let header = "---\ntitle: Big\nkind: article\ndate: 2024-01-02\n---\n\n"
        let size = ContentLoader.maximumFileSize + 1
        try write(header + String(repeating: "a", count: size - header.utf8.count), to: content.appendingPathComponent("articles/big.md"))
        try write(header + "Small.\n", to: content.appendingPathComponent("articles/small.md"))
        let result = try Portal.run(["build", "--content", "Content", "--theme", themeFolder.path], in: folder, timeout: 60)
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").first == """
            Content/articles/big.md:1:1: error: file has 10485761 bytes, over the 10 MB (10485760 bytes) limit; split it or remove embedded data
            """)
    }

    /// Files saved on Windows (CR LF) or old Macs (CR) build like any other; line numbers still match the editor's.
    @Test func windowsLineEndingsBuild() throws {
        let folder = try temporaryFolder()
        let content = folder.appendingPathComponent("Content")
        try write("---\r\ntitle: Windows\r\nkind: article\r\ndate: 2024-01-02\r\n---\r\n\r\nSaved on Windows.\r\n", to: content.appendingPathComponent("articles/crlf.md"))
        try write("---\rtitle: Mac\rkind: article\rdate: 2024-13-02\r---\r\rOld Mac.\r", to: content.appendingPathComponent("articles/cr.md"))
        let result = try Portal.run(["build", "--content", "Content", "--theme", themeFolder.path], in: folder, timeout: 60)
        #expect(result.stderr.split(separator: "\n").first == "Content/articles/cr.md:4:7: error: field 'date' is '2024-13-02' but must be a real date in YYYY-MM-DD form, e.g. date: 2022-08-30")
        try write("---\rtitle: Mac\rkind: article\rdate: 2024-01-02\r---\r\rOld Mac.\r", to: content.appendingPathComponent("articles/cr.md"))
        let fixed = try Portal.run(["build", "--content", "Content", "--theme", themeFolder.path], in: folder, timeout: 60)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("Public/articles/crlf.html"), encoding: .utf8)
        #expect(page.contains("Saved on Windows."))
    }

    /// Loops and special files inside Content/ are refused with a message, never read forever.
    @Test func symlinkLoopAndFifoAreRefused() throws {
        let folder = try temporaryFolder()
        let content = folder.appendingPathComponent("Content")
        try write("---\ntitle: Fine\nkind: article\ndate: 2024-01-02\n---\n\nText.\n", to: content.appendingPathComponent("articles/ok.md"))
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("articles/loop.md").path, withDestinationPath: "loop.md")
        #expect(mkfifo(content.appendingPathComponent("articles/pipe.md").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("articles/via-pipe.md").path, withDestinationPath: "pipe.md")
        let result = try Portal.run(["build", "--content", "Content", "--theme", themeFolder.path], in: folder, timeout: 30)
        #expect(!result.timedOut, "portal hung on a FIFO")
        #expect(result.status == 1)
        #expect(!looksLikeACrash(result.stderr))
        #expect(result.stderr.contains("Content/articles/loop.md:1:1: error:"))
        #expect(result.stderr.contains("Content/articles/via-pipe.md:1:1: error:"))
    }
}
