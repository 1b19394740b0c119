import Foundation
import Testing

/// Issue #28's content rules end to end, through the built binary: what authors write that the page
/// cannot show as written, file names that need encoding, and the day the review status is "as of".
@Suite struct ContentRulesTests {
    @Test func unsafeLinksAndRawHTMLAreLocatedWarningsAndErrorsWithStrict() throws {
        let site = try makeSite([
            "articles/a.md": article("A", body: "See [the notes](javascript:alert(1)) and [disk](file:///etc/passwd).\n\n<div>raw</div>\n\nAn <b>inline</b> tag."),
        ])
        let relaxed = try PortalProcess.run(["check"], in: site)
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
        let lines = relaxed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(lines)")
        #expect(lines.first == "Content/articles/a.md:7:5: warning: link destination 'javascript:alert(1)' uses a scheme the site never publishes (javascript:, vbscript:, file: or data:), so only its text is shown; link an https: address or a document's .md path")
        #expect(lines.dropFirst().first?.hasPrefix("Content/articles/a.md:7:42: warning: link destination 'file:///etc/passwd'") == true)
        #expect(lines.dropFirst(2).first == "Content/articles/a.md:9:1: warning: raw HTML '<div>raw</div>' is left out of the page (docs/authoring-guide.md allows Markdown only); write it in Markdown or remove it")
        #expect(lines.dropFirst(3).first?.hasPrefix("Content/articles/a.md:11:4: warning: raw HTML '<b>'") == true)

        let strict = try PortalProcess.run(["check", "--strict"], in: site)
        #expect(strict.status == 1)
        #expect(strict.stdout.hasPrefix("Content/articles/a.md:7:5: warning: link destination 'javascript:alert(1)'"), "\(strict.stdout)")
        let strictBuild = try PortalProcess.run(["build", "--strict"], in: site)
        #expect(strictBuild.status == 1)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))

        let build = try PortalProcess.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("Content/articles/a.md:7:5: warning: link destination"))
        let page = try read(site.appendingPathComponent("Public/articles/a.html"))
        #expect(page.contains("<p>See the notes and disk.</p>"))
        #expect(!page.contains("href=\"\""))
    }

    @Test func fileNamesWithSpacesArePercentEncodedInEveryURL() throws {
        let site = try makeSite([
            "site.yaml": "title: Spaces\ndescription: Names with spaces.\nbase_url: https://portal.example.org\n",
            "articles/my notes.md": article("My notes", body: "Back to [myself](my%20notes.md) and [the letter](<../letters/2024-01-02 the letter.md>)."),
            "letters/2024-01-02 the letter.md": """
                ---
                title: The Letter
                kind: letter
                date: 2024-01-02
                from: {name: A. Sender}
                to: {name: B. Reader}
                statute: 39 U.S.C. §1004(d)
                enclosures: [{path: articles/my notes.md}]
                ---

                Body.
                """,
        ])
        let result = try PortalProcess.run(["build"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        let output = site.appendingPathComponent("Public")
        let page = try read(output.appendingPathComponent("articles/my notes.html"))
        #expect(page.contains("<a href=\"my%20notes.html\">myself</a>"))
        #expect(page.contains("<a href=\"../letters/2024-01-02%20the%20letter.html\">the letter</a>"))
        let home = try read(output.appendingPathComponent("index.html"))
        #expect(home.contains("href=\"letters/2024-01-02%20the%20letter.html\""))
        #expect(!home.contains("href=\"letters/2024-01-02 the"))
        let packet = try read(output.appendingPathComponent("packets/letters/2024-01-02 the letter.html"))
        #expect(packet.contains("href=\"../../letters/2024-01-02%20the%20letter.html\""))
        let sitemap = try read(output.appendingPathComponent("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://portal.example.org/articles/my%20notes.html</loc>"))
        #expect(sitemap.contains("<loc>https://portal.example.org/letters/2024-01-02%20the%20letter.html</loc>"))
        #expect(!sitemap.contains("my notes"))
        let feed = try read(output.appendingPathComponent("feed.xml"))
        #expect(feed.contains("href=\"https://portal.example.org/letters/2024-01-02%20the%20letter.html\""))
        let search = try FileManager.default.subpathsOfDirectory(atPath: output.appendingPathComponent("search/d").path)
            .map { try read(output.appendingPathComponent("search/d/\($0)")) }.joined()
        #expect(search.contains("\"url\":\"articles/my%20notes.html\""))
        #expect(!search.contains("\"url\":\"articles/my notes.html\""))
    }

    /// The letter page's review status, "as of" which day.
    func asOf(_ environment: [String: String]) throws -> String {
        let site = try makeSite([
            "letters/2024-01-02-letter.md": """
                ---
                title: The Letter
                kind: letter
                date: 2024-01-02
                from: {name: A. Sender}
                to: {name: B. Reader}
                statute: 39 U.S.C. §1004(d)
                enclosures: []
                ---

                Body.
                """,
        ])
        let result = try PortalProcess.run(["build"], in: site, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try read(site.appendingPathComponent("Public/letters/2024-01-02-letter.html"))
        let match = try #require(page.firstMatch(of: /\(as of <time datetime="([0-9-]+)">/))
        return String(match.output.1)
    }

    /// The UTC day now, as `YYYY-MM-DD`.
    func utcDay(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    @Test func todayIsTheBuildDayUnlessSourceDateEpochAndNeverLater() throws {
        // Unset (an empty value counts as unset): the build day, as the README says; not the content's newest date.
        let before = utcDay()
        let unset = try asOf(["SOURCE_DATE_EPOCH": ""])
        #expect([before, utcDay()].contains(unset))
        #expect(unset != "2024-01-02")
        // Set in the past: that day, so a reproducible build says the same thing any day.
        #expect(try asOf(["SOURCE_DATE_EPOCH": "1700000000"]) == "2023-11-14")
        // Set in the future: clamped to the build day.
        let future = try asOf(["SOURCE_DATE_EPOCH": "4102444800"])  // 2100-01-01
        #expect([before, utcDay()].contains(future))
    }
}
