import Foundation
import PortalContent
@testable import PortalPages
@testable import PortalSite
import Testing

/// The glossary end to end: the page and its menu entry, `<abbr>` on first use, search both ways, check warnings,
/// and the other findability pieces that ride on the same small site (code badges, computed tables in search).
@Suite struct GlossarySiteTests {
    static let glossary = """
        - term: CRC
          expansions: [Customer Relations Coordinator]
          definition: The EAS-17 district position.
        - term: Mgr
          expansions: [Manager]
          definition: Short for manager in position titles.
        - term: EAS
          expansions: Executive and Administrative Schedule
          definition: The pay schedule of managers & supervisors.

        """

    static let position = """
        ---
        title: Customer Relations Coordinator
        kind: position
        date: 2022-08-30
        occupation_code: 2345-5035
        grade: EAS-17
        version: current
        ---

        ## Functional Purpose

        The CRC reports to the Mgr Customer Relations. Each CRC serves one district; the MGR decides.

        ## Duties

        | Title | Grade |
        |---|---|
        | CRC | EAS-17 |

        Works with the FOIA office and the IT team.

        """

    func build(_ files: [String: String]) throws -> (output: URL, report: BuildReport) {
        let folder = try temporaryFolder("glossary")
        let content = folder.appendingPathComponent("Content")
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let output = folder.appendingPathComponent("Public")
        let report = try SiteBuilder(options: .init(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content")).build()
        return (output, report)
    }

    @Test func glossaryMakesAPageAbbreviationsAndSearchAlternatives() throws {
        let (output, report) = try build([
            "data/glossary.yaml": Self.glossary, "positions/2345-5035-current.md": Self.position,
        ])
        let page = try read(output.appendingPathComponent("glossary.html"))
        #expect(page.contains("<dt id=\"term-crc\"><abbr title=\"Customer Relations Coordinator\">CRC</abbr></dt>"))
        #expect(page.contains("The pay schedule of managers &amp; supervisors."))
        #expect(try read(output.appendingPathComponent("index.html")).contains("href=\"glossary.html\">Glossary</a>"))

        let position = try read(output.appendingPathComponent("positions/2345-5035-current.html"))
        #expect(position.contains("The <abbr title=\"Customer Relations Coordinator\">CRC</abbr> reports to the <abbr title=\"Manager\">Mgr</abbr> Customer"))
        #expect(position.components(separatedBy: "<abbr title=\"Customer Relations Coordinator\">").count == 2, "only the first use is marked")
        #expect(position.contains("Each CRC serves"))
        #expect(!position.contains(">MGR</abbr>"), "a term is marked once, whatever its case")
        #expect(position.contains("<td>CRC</td>"), "table cells take no <abbr>")

        let manifest = try read(output.appendingPathComponent("search/manifest.js"))
        #expect(manifest.contains("\"abbreviations\":[[\"crc\",[[\"custom\",\"relat\",\"coordin\"]]],[\"mgr\",[[\"manag\"]]],[\"ea\",[[\"execut\",\"administr\",\"schedul\"]]]]"))
        // The glossary itself is a search result, one part per term.
        let documents = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("search/d").path)
        let scripts = try documents.map { try read(output.appendingPathComponent("search/d/\($0)")) }
        #expect(scripts.contains { $0.contains("\"url\":\"glossary.html\"") && $0.contains("CRC: Customer Relations Coordinator") })

        // FOIA and IT have no entry: warned once each, where they first stand.
        let messages = report.warnings.map(\.description)
        #expect(messages.contains { $0.contains("Content/positions/2345-5035-current.md:20:16: warning: the abbreviation 'FOIA' has no entry") }, "\(messages)")
        #expect(messages.contains { $0.contains("'IT' has no entry") })
        #expect(report.warnings.count == 2, "\(messages)")
    }

    /// A capitalized word the content also writes in ordinary case, in another document or on a line with other
    /// characters, is no abbreviation; the others are still warned, each where it first stands.
    @Test func wordsWrittenInOrdinaryCaseElsewhereAreNotWarned() throws {
        let article = """
            ---
            title: A note
            kind: article
            date: 2022-09-01
            ---

            The team uses it daily — and the foia office too.

            PCC and BSN stand unexplained; NOTE the Note.

            """
        let (_, report) = try build([
            "data/glossary.yaml": Self.glossary, "positions/2345-5035-current.md": Self.position, "articles/note.md": article,
        ])
        let messages = report.warnings.map(\.description).sorted()
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.contains { $0.contains("articles/note.md:9:1: warning: the abbreviation 'PCC' has no entry") }, "\(messages)")
        #expect(messages.contains { $0.contains("articles/note.md:9:9: warning: the abbreviation 'BSN' has no entry") }, "\(messages)")
    }

    @Test func aSiteWithoutGlossaryHasNoPageAndNoAbbreviationWarnings() throws {
        let (output, report) = try build(["positions/2345-5035-current.md": Self.position])
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("glossary.html").path))
        #expect(!(try read(output.appendingPathComponent("index.html")).contains("glossary.html")))
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(!(try read(output.appendingPathComponent("positions/2345-5035-current.html")).contains("<abbr")))
    }

    @Test func badEntriesAreLocatedErrorsAndLeaveNoOutput() throws {
        let bad = """
            - term: CRC
              expansions: [Customer Relations Coordinator]
              definition: The coordinator.
            - term: crc
              expansions: [Again]
              definition: Twice.
            - term: PD
              definition: No expansion.
            - term: HQ
              expansions: [Headquarters]
              definition: Main office.
              colour: blue

            """
        let error = #expect(throws: SiteBuilder.Failure.self) {
            try build(["data/glossary.yaml": bad, "positions/2345-5035-current.md": Self.position])
        }
        guard case .diagnostics(let diagnostics) = error else {
            Issue.record("expected located errors, got \(String(describing: error))")
            return
        }
        let lines = diagnostics.items.map(\.description)
        #expect(lines.contains { $0.hasPrefix("Content/data/glossary.yaml:4:3: error: 'crc' is already defined on line 1") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Content/data/glossary.yaml:7:3: error: 'PD' has no expansions") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Content/data/glossary.yaml:12:3: error: unknown field 'colour'") }, "\(lines)")
        let notAList = try? build(["data/glossary.yaml": "term: CRC\n", "positions/2345-5035-current.md": Self.position])
        #expect(notAList == nil)
    }

    @Test func entryTextIsEscapedOnThePageAndInAbbrTitles() throws {
        let hostile = """
            - term: XSS
              expansions: ["\\"><script>alert(1)</script>"]
              definition: <img src=x onerror=alert(1)> & more
            """
        let (glossary, problems) = Glossary.parse(hostile)
        #expect(problems.isEmpty, "\(problems)")
        let page = GlossaryPage.content(glossary)
        #expect(!page.contains("<script>") && !page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; more"))
        let position = Self.position.replacingOccurrences(of: "The CRC reports", with: "The XSS reports")
        let (output, _) = try build(["data/glossary.yaml": hostile, "positions/2345-5035-current.md": position])
        let html = try read(output.appendingPathComponent("positions/2345-5035-current.html"))
        #expect(html.contains("<abbr title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">XSS</abbr>"))
    }
}
