import Foundation
import Testing

/// `portal check` end to end: the built binary on small sites, good and broken in each way it reports.
@Suite struct CheckCommandTests {
    let letter = """
        ---
        title: The Letter
        kind: letter
        date: 2024-01-02
        from: {name: A. Sender}
        to: {name: B. Reader}
        statute: 39 U.S.C. §1004(d)
        enclosures: []
        ---

        Body of the letter.

        ## Attachments

        None.
        """

    func check(_ site: URL, _ arguments: [String] = []) throws -> PortalProcess.Result {
        try PortalProcess.run(["check"] + arguments, in: site)
    }

    @Test func goodContentWithLinksAndAnchorsPasses() throws {
        let site = try makeSite([
            "letters/2024-01-02-letter.md": letter,
            "articles/a.md": article("A", body: "See [the letter](../letters/2024-01-02-letter.md#attachments), [its page](../letters/2024-01-02-letter.html), [home](../index.html), [below](#more) and [the web](https://example.org).\n\n## More\n\nText."),
        ])
        let result = try check(site)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Checked 2 documents"))
        #expect(result.stderr.contains("no problems"))
        // check writes nothing.
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))
    }

    @Test func frontMatterErrorIsOneLocatedLine() throws {
        let site = try makeSite(["articles/a.md": "---\ntitle: A\nkind: article\ndate: 2024-02-30\n---\n\nText.\n"])
        let result = try check(site)
        #expect(result.status == 1)
        #expect(result.stdout == "Content/articles/a.md:4:7: error: field 'date' is '2024-02-30' but must be a real date in YYYY-MM-DD form, e.g. date: 2022-08-30\n")
        #expect(result.stderr.contains("1 error"))
    }

    @Test func brokenLinksAndAnchorsAreErrors() throws {
        let site = try makeSite([
            "letters/2024-01-02-letter.md": letter,
            "articles/a.md": article("A", body: "[gone](../letters/missing.md) [no anchor](../letters/2024-01-02-letter.md#nowhere)\n[abs](/index.html) [no page](nope.html) [self](#missing)"),
        ])
        let result = try check(site)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("Content/articles/a.md:7:1: error: link '../letters/missing.md' names no document"))
        #expect(lines[1].hasPrefix("Content/articles/a.md:7:31: error: link '../letters/2024-01-02-letter.md#nowhere' points to '#nowhere', which is not an anchor on letters/2024-01-02-letter.html"))
        #expect(lines[1].contains("attachments"))
        #expect(lines[2].hasPrefix("Content/articles/a.md:8:1: error: link '/index.html' starts with '/'"))
        #expect(lines[3].hasPrefix("Content/articles/a.md:8:20: error: link 'nope.html' leads to 'articles/nope.html', which the build does not write"))
        #expect(lines[4].hasPrefix("Content/articles/a.md:8:41: error: link '#missing' points to '#missing'"))
    }

    @Test func dataFileErrorsPointIntoTheDataFile() throws {
        let site = try makeSite([
            "articles/a.md": article("A", body: "Text."),
            "data/broken.model.yaml": "name: Broken\nstandardization: index-to-mean\nfactors: 3\nbands: []\n",
        ])
        let result = try check(site)
        #expect(result.status == 1)
        #expect(result.stdout.contains("Content/data/broken.model.yaml:3:10: error: factors must be a list"))
    }

    @Test func badStaffingBlockIsLocatedInTheDocument() throws {
        let site = try makeSite(["articles/a.md": article("A", body: "Text.\n\n```staffing nonsense\n```")])
        let result = try check(site)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Content/articles/a.md:9:"))
        #expect(result.stdout.contains("nonsense"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func diagnosticsAreSortedByFileThenLineNumberInTextAndJSON() throws {
        // Line 10 must follow line 8 (numeric, not text order), and a.md must precede b.md.
        let site = try makeSite([
            "articles/b.md": article("B", body: "[x](missing-b.md)"),
            "articles/a.md": article("A", body: "one\n\n[x](#nowhere)\n\nthree\n\n[y](missing-a.md)"),
        ])
        let text = try check(site)
        #expect(text.status == 1)
        let places = text.stdout.split(separator: "\n").map { $0.split(separator: ":").prefix(2).joined(separator: ":") }
        #expect(places == ["Content/articles/a.md:9", "Content/articles/a.md:13", "Content/articles/b.md:7"])

        let json = try check(site, ["--format", "json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        #expect(object["errors"] as? Int == 3)
        #expect(object["warnings"] as? Int == 0)
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(items.map { "\($0["file"]!):\($0["line"]!)" } == places)
        #expect(items.first?["column"] as? Int == 1)
        #expect(items.first?["severity"] as? String == "error")
        #expect((items.first?["message"] as? String)?.hasPrefix("link '#nowhere' points to '#nowhere'") == true)
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let site = try makeSite(["articles/a.md": article("A", body: "An [empty]() link.")])
        let relaxed = try check(site)
        #expect(relaxed.status == 0)
        #expect(relaxed.stdout.hasPrefix("Content/articles/a.md:7:4: warning: link '' has no destination"))
        let strict = try check(site, ["--strict"])
        #expect(strict.status == 1)
        let json = try check(site, ["--strict", "--format", "json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        #expect(object["warnings"] as? Int == 1)
    }

    @Test func buildRewritesMarkdownLinksToPages() throws {
        let site = try makeSite([
            "letters/2024-01-02-letter.md": letter,
            "articles/a.md": article("A", body: "See [the letter](../letters/2024-01-02-letter.md#attachments)."),
        ])
        let result = try PortalProcess.run(["build"], in: site)
        #expect(result.status == 0)
        let html = try read(site.appendingPathComponent("Public/articles/a.html"))
        #expect(html.contains("<a href=\"../letters/2024-01-02-letter.html#attachments\">the letter</a>"))
        #expect(!html.contains(".md\""))
    }
}
