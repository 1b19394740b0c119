import Foundation
import Testing

/// Issue #27: the published address (`--base-url`, `base_url`) in the sitemap, the feed and 404.html,
/// and feed ids that do not change with it, end to end through the built binary.
@Suite struct BaseURLTests {
    static let letter = """
        ---
        title: The Letter
        kind: letter
        date: 2024-01-02
        from: {name: A. Sender}
        to: {name: B. Reader}
        statute: 39 U.S.C. §1004(d)
        enclosures: [{path: articles/notes.md}]
        ---

        Body.
        """

    func site(_ yaml: String, name: String = #function) throws -> URL {
        try makeSite([
            "site.yaml": yaml,
            "articles/notes.md": article("Notes", body: "Some notes."),
            "letters/2024-01-02-the-letter.md": Self.letter,
        ], name: name)
    }

    static let identity = "id_authority: example.org\nid_date: 2026-12-07\n"

    func entryIDs(_ feed: String) -> [String] {
        feed.matches(of: /<id>([^<]+)<\/id>/).map { String($0.output.1) }
    }

    @Test func withAnAddressEveryOutsideLinkIsAbsolute() throws {
        let folder = try site("title: T\n" + Self.identity)
        let result = try PortalProcess.run(["build", "--base-url", "https://example.github.io/portal/", "--output", "Out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("warning"), "\(result.stderr)")
        let output = folder.appendingPathComponent("Out")
        let sitemap = try read(output.appendingPathComponent("sitemap.xml"))
        let locs = sitemap.matches(of: /<loc>([^<]+)<\/loc>/).map { String($0.output.1) }
        #expect(locs.contains("https://example.github.io/portal/index.html"))
        #expect(locs.contains("https://example.github.io/portal/letters/2024-01-02-the-letter.html"))
        #expect(!locs.isEmpty && locs.allSatisfy { $0.hasPrefix("https://example.github.io/portal/") && !$0.contains("portal//") }, "\(locs)")
        #expect(!locs.contains { $0.hasSuffix("404.html") })
        let feed = try read(output.appendingPathComponent("feed.xml"))
        #expect(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.github.io/portal/feed.xml\"/>"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.github.io/portal/letters/2024-01-02-the-letter.html\"/>"))
        #expect(!feed.contains("href=\"letters/"))
        #expect(entryIDs(feed) == ["tag:example.org,2026-12-07:feed.xml", "tag:example.org,2026-12-07:letters/2024-01-02-the-letter.html"])
        let notFound = try read(output.appendingPathComponent("404.html"))
        #expect(notFound.contains("<link rel=\"stylesheet\" href=\"https://example.github.io/portal/assets/site.css\">"))
        #expect(notFound.contains("action=\"https://example.github.io/portal/search.html\""))
        #expect(notFound.contains("href=\"https://example.github.io/portal/letters/index.html\">Browse the consultation letters"))
        let relative = notFound.matches(of: /(?:href|src|action)="([^"#][^"]*)"/).map { String($0.output.1) }.filter { !$0.hasPrefix("https://") }
        #expect(relative.isEmpty, "404.html keeps relative links: \(relative)")
        // Other pages stay relative, so the site still works from disk and from any folder.
        let home = try read(output.appendingPathComponent("index.html"))
        #expect(!home.contains("https://example.github.io"))
    }

    @Test func siteYAMLGivesTheAddressAndTheFlagReplacesIt() throws {
        let folder = try site("title: T\nbase_url: http://old.example.net/a\n" + Self.identity)
        let fromYAML = try PortalProcess.run(["build", "--output", "A"], in: folder)
        #expect(fromYAML.status == 0, "\(fromYAML.stderr)")
        #expect(try read(folder.appendingPathComponent("A/sitemap.xml")).contains("<loc>http://old.example.net/a/index.html</loc>"))
        let fromFlag = try PortalProcess.run(["build", "--output", "B", "--base-url", "https://new.example.org"], in: folder)
        #expect(fromFlag.status == 0, "\(fromFlag.stderr)")
        let sitemap = try read(folder.appendingPathComponent("B/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://new.example.org/index.html</loc>"))
        #expect(!sitemap.contains("old.example.net"))
        // The same output and cache again at another address: nothing that names the address is reused.
        let moved = try PortalProcess.run(["build", "--output", "B", "--base-url", "https://moved.example.org/x"], in: folder)
        #expect(moved.status == 0, "\(moved.stderr)")
        let output = folder.appendingPathComponent("B")
        #expect(try read(output.appendingPathComponent("sitemap.xml")).contains("<loc>https://moved.example.org/x/index.html</loc>"))
        #expect(try read(output.appendingPathComponent("feed.xml")).contains("href=\"https://moved.example.org/x/feed.xml\""))
        #expect(try read(output.appendingPathComponent("404.html")).contains("href=\"https://moved.example.org/x/assets/site.css\""))
        #expect(!(try read(output.appendingPathComponent("404.html")).contains("new.example.org")))
    }

    @Test func withoutAnAddressNoSitemapAndOneWarning() throws {
        let folder = try site("title: T\nbase_url: \"\"\n" + Self.identity)
        let build = try PortalProcess.run(["build"], in: folder)
        #expect(build.status == 0, "\(build.stderr)")
        let output = folder.appendingPathComponent("Public")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("sitemap.xml").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("feed.xml").path))
        let feed = try read(output.appendingPathComponent("feed.xml"))
        #expect(!feed.contains("rel=\"self\""))
        #expect(try read(output.appendingPathComponent("404.html")).contains("<link rel=\"stylesheet\" href=\"assets/site.css\">"))

        let check = try PortalProcess.run(["check", "--strict"], in: folder)
        #expect(check.status == 1)
        let lines = check.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(check.stdout)")
        #expect(lines.first?.hasPrefix("Content/site.yaml:1:1: warning: no base_url: sitemap.xml is not written") == true, "\(check.stdout)")
        let withAddress = try PortalProcess.run(["check", "--strict", "--base-url", "https://example.org/"], in: folder)
        #expect(withAddress.status == 0, "\(withAddress.stdout)\(withAddress.stderr)")
    }

    @Test func feedIDsAreTheSameWithAndWithoutAnAddress() throws {
        let folder = try site("title: T\n" + Self.identity)
        #expect(try PortalProcess.run(["build", "--output", "Plain"], in: folder).status == 0)
        #expect(try PortalProcess.run(["build", "--output", "One", "--base-url", "https://one.example.org/"], in: folder).status == 0)
        #expect(try PortalProcess.run(["build", "--output", "Two", "--base-url", "https://two.example.org/x/"], in: folder).status == 0)
        let ids = try ["Plain", "One", "Two"].map { try entryIDs(read(folder.appendingPathComponent("\($0)/feed.xml"))) }
        #expect(ids[0].count == 2)
        #expect(ids[0] == ids[1] && ids[1] == ids[2], "\(ids)")
        #expect(ids[0].allSatisfy { $0.hasPrefix("tag:example.org,2026-12-07:") })
    }

    @Test func withoutAnIDAuthorityTheFeedWarnsAndKeepsItsFallbackIDs() throws {
        let folder = try site("title: T\n")
        let check = try PortalProcess.run(["check", "--strict", "--base-url", "https://example.org"], in: folder)
        #expect(check.status == 1)
        #expect(check.stdout.contains("Content/site.yaml:1:1: warning: no id_authority and id_date"), "\(check.stdout)")
        #expect(try PortalProcess.run(["build", "--base-url", "https://example.org"], in: folder).status == 0)
        let feed = try read(folder.appendingPathComponent("Public/feed.xml"))
        #expect(entryIDs(feed).last == "urn:consultation-portal:letters/2024-01-02-the-letter.html")
    }

    @Test(arguments: [
        ("javascript:alert(1)", "must start with https:// or http://"),
        ("ftp://example.org/", "must start with https:// or http://"),
        ("example.org/portal", "must start with https:// or http://"),
        ("https://", "has no host name"),
        ("https:///path", "has no host name"),
        ("https:example.org", "has no host name"),
        ("https://example.org/a b", "is not a URL"),
        ("https://bücher.example/", "is not a URL"),
        ("https://example.org/\"><script>", "is not a URL"),
        ("https://example.org/?q=1", "must not have a ?query or #fragment"),
        ("https://example.org/#top", "must not have a ?query or #fragment"),
        ("https://user:secret@example.org/", "must not hold a user name or password"),
    ])
    func anAddressThatIsNotAbsoluteHTTPIsRefusedBeforeAnythingIsWritten(url: String, reason: String) throws {
        let folder = try site("title: T\n" + Self.identity)
        let build = try PortalProcess.run(["build", "--base-url", url], in: folder)
        #expect(build.status == 1)
        #expect(build.stderr.hasPrefix("error: --base-url '\(url)' \(reason)"), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Public").path))
        let check = try PortalProcess.run(["check", "--base-url", url], in: folder)
        #expect(check.status == 1)
        #expect(check.stderr.contains("error: --base-url"), "\(check.stderr)")
    }

    @Test func siteYAMLErrorsAreLocated() throws {
        let folder = try site("title: T\nbase_url: portal.example.org\nid_authority: not a domain\nid_date: 2026-02-30\n")
        let check = try PortalProcess.run(["check"], in: folder)
        #expect(check.status == 1)
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Content/site.yaml:2:11: error: field 'base_url' is 'portal.example.org' but must start with https:// or http://") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Content/site.yaml:3:15: error: field 'id_authority' is 'not a domain' but must be a domain name or email address") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Content/site.yaml:4:10: error: field 'id_date' is '2026-02-30' but must be a day") }, "\(lines)")
        let build = try PortalProcess.run(["build"], in: folder)
        #expect(build.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Public").path))
        let half = try site("title: T\nid_authority: example.org\n", name: "half")
        let halfCheck = try PortalProcess.run(["check"], in: half)
        #expect(halfCheck.status == 1)
        #expect(halfCheck.stdout.contains("error: missing required field 'id_date'"), "\(halfCheck.stdout)")
    }
}
