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


/// Occupation codes end to end: cross-links, code pages with "Referenced in", the index, warnings and redlines.
@Suite struct OccupationCodePagesTests {
    static let position = """
        ---
        title: Customer Relations Coordinator
        kind: position
        date: 2022-08-30
        occupation_code: 2345-5035
        grade: EAS-17
        version: VERSION
        ---

        ## Functional Purpose

        Provides coordination for PLACE.

        ## Duties and Responsibilities

        1. Coordinates local initiatives.
        2. DUTY
        3. Serves as a point of contact.

        """

    /// A small site: 2345-5035 in two versions, 2370-0671 in one, and the given extra files.
    func makeSite(_ extra: [String: String]) throws -> (content: URL, output: URL) {
        let folder = try temporaryFolder("codes")
        let content = folder.appendingPathComponent("Content")
        var files = extra
        files["positions/2345-5035-current.md"] = Self.position
            .replacingOccurrences(of: "VERSION", with: "current").replacingOccurrences(of: "PLACE", with: "a large post office")
            .replacingOccurrences(of: "DUTY", with: "Works closely with operations managers.")
        files["positions/2345-5035-proposed.md"] = Self.position
            .replacingOccurrences(of: "VERSION", with: "proposed").replacingOccurrences(of: "PLACE", with: "a designated area")
            .replacingOccurrences(of: "2. DUTY\n3. Serves", with: "2. Serves")
        files["positions/2370-0671-current.md"] = Self.position
            .replacingOccurrences(of: "Customer Relations Coordinator", with: "Customer Relations Spec (District)")
            .replacingOccurrences(of: "2345-5035", with: "2370-0671").replacingOccurrences(of: "EAS-17", with: "EAS-19")
            .replacingOccurrences(of: "VERSION", with: "current").replacingOccurrences(of: "PLACE", with: "a district")
            .replacingOccurrences(of: "DUTY", with: "Plans initiatives.")
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return (content, folder.appendingPathComponent("Public"))
    }

    func builder(_ content: URL, _ output: URL) -> SiteBuilder {
        SiteBuilder(options: .init(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content"))
    }

    static let letter = """
        ---
        title: New Coordinators
        kind: letter
        date: 2024-03-01
        from: {name: A. Sender}
        to: {name: B. Receiver}
        statute: 39 U.S.C. §1004(d)
        enclosures:
          - {code: 2345-5035, version: proposed}
        ---

        The Postal Service proposes to revise the Customer Relations Coordinator (Occupation Code: 2345-5035). Nothing else changes.

        | Position | Grade | Occupation code |
        |---|---|---|
        | Customer Relations Specialist (District) | EAS-19 | 2370-0671 |

        - Customer Relations Coordinator, EAS-17 (Occupational Code 2345-5035)

        Not linked: `2345-5035` in code, [a link 2345-5035](https://example.org/x.html), ZIP 22314-2753, dated 2019-12-12.

        """

    @Test func newLetterGetsLinksAndShowsUpInReferencedIn() throws {
        let (content, output) = try makeSite(["letters/2024-03-01-new.md": Self.letter])
        let report = try builder(content, output).build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let letter = try read(output.appendingPathComponent("letters/2024-03-01-new.html"))
        // Links are relative to the letter, one folder down.
        #expect(letter.contains("(Occupation Code: <a href=\"../codes/2345-5035.html\">2345-5035</a>)"))
        #expect(letter.contains("<a href=\"../codes/2370-0671.html\">2370-0671</a>"))
        #expect(letter.contains("(Occupational Code <a href=\"../codes/2345-5035.html\">2345-5035</a>)"))
        // Code spans, existing links and look-alikes stay as they are.
        #expect(letter.contains("<code>2345-5035</code>"))
        #expect(letter.contains("<a href=\"https://example.org/x.html\">a link 2345-5035</a>"))
        #expect(!letter.contains("codes/2314-2753.html"))
        #expect(!letter.contains("codes/2019-12-12.html"))
        // Each mentioning place carries an id named after its file line.
        #expect(letter.contains("<p id=\"line-12\">The Postal Service proposes"))
        #expect(letter.contains("<tr id=\"line-16\">"))
        #expect(letter.contains("<li id=\"line-18\">Customer Relations Coordinator, EAS-17"))

        let codePage = try read(output.appendingPathComponent("codes/2345-5035.html"))
        #expect(codePage.contains("Referenced in"))
        #expect(codePage.contains("href=\"../letters/2024-03-01-new.html#line-12\""))
        #expect(codePage.contains("The Postal Service proposes to revise the Customer Relations Coordinator (Occupation Code: <mark>2345-5035</mark>)."))
        #expect(!codePage.contains("Nothing else changes"), "the context is the sentence, not the paragraph")
        #expect(codePage.contains("href=\"../letters/2024-03-01-new.html#line-18\""))
        #expect(codePage.contains("href=\"../positions/2345-5035-current.html\""))
        #expect(codePage.contains("href=\"../codes/2345-5035-redline.html\""))
        #expect(codePage.contains(
            "<li>Enclosed with this letter: <a href=\"../positions/2345-5035-proposed.html\">Proposed version: Customer Relations Coordinator</a></li>"))

        let specialist = try read(output.appendingPathComponent("codes/2370-0671.html"))
        #expect(specialist.contains("href=\"../letters/2024-03-01-new.html#line-16\""))
        #expect(specialist.contains("Customer Relations Specialist (District) | EAS-19 | <mark>2370-0671</mark>"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("codes/2370-0671-redline.html").path))

        let index = try read(output.appendingPathComponent("codes/index.html"))
        let first = try #require(index.range(of: "codes/2345-5035.html"))
        let second = try #require(index.range(of: "codes/2370-0671.html"))
        #expect(first.lowerBound < second.lowerBound, "codes are sorted")
        #expect(index.contains("<td>Revised</td><td class=\"num\">2</td><td class=\"num\">3</td>"),
                "2345-5035: revised, 2 versions, 3 references (two mentions and the enclosing letter)")
        #expect(index.contains("<td>Unchanged</td><td class=\"num\">1</td><td class=\"num\">1</td>"), "2370-0671: unchanged, 1 version, 1 reference")
        #expect(index.contains("<h3 id=\"grade-eas-17\">EAS-17</h3>"))
        #expect(index.contains("<h3 id=\"grade-eas-19\">EAS-19</h3>"))

        let position = try read(output.appendingPathComponent("positions/2345-5035-proposed.html"))
        #expect(position.contains("href=\"../codes/2345-5035.html\""))
        #expect(position.contains("href=\"../codes/2345-5035-redline.html\""))
        #expect(try read(output.appendingPathComponent("index.html")).contains("href=\"codes/index.html\">Occupation codes</a>"))
    }

    @Test func slidesAndQuestionsAreLinkedToo() throws {
        let slides = "---\ntitle: Deck\nkind: presentation\ndate: 2024-03-01\n---\n\n## Proposal\n\nCoordinators EAS-17 2345-5035 move.\n"
        let qa = "---\ntitle: Q and A\nkind: qa\ndate: 2024-03-01\n---\n\n## Who is 2370-0671?\n\nThe specialist.\n"
        let (content, output) = try makeSite(["presentations/deck.md": slides, "customer-connect/qa.md": qa])
        _ = try builder(content, output).build()
        let deck = try read(output.appendingPathComponent("presentations/deck.html"))
        #expect(deck.contains("<a href=\"../codes/2345-5035.html\">2345-5035</a>"))
        let specialist = try read(output.appendingPathComponent("codes/2370-0671.html"))
        #expect(specialist.contains("customer-connect/qa.html#who-is-2370-0671"), "a heading's own id is the anchor")
    }

    @Test func unknownCodeWarnsAndIsListedAsNoDescriptionOnFile() throws {
        let letter = Self.letter.replacingOccurrences(of: "Nothing else changes.", with: "The old code 9999-0001 is retired.")
        let (content, output) = try makeSite(["letters/2024-03-01-new.md": letter])
        let checked = try builder(content, output).check()
        let warning = try #require(checked.warnings.first { $0.message.contains("9999-0001") })
        #expect(warning.severity == .warning)
        #expect(warning.description.hasPrefix("Content/letters/2024-03-01-new.md:12:"))
        #expect(warning.message.contains("has no description on file"))
        #expect(checked.warnings.count == 1)

        let report = try builder(content, output).build()
        #expect(report.warnings.count == 1)
        let index = try read(output.appendingPathComponent("codes/index.html"))
        #expect(index.contains("<em>no description on file</em>"))
        #expect(index.contains("No description on file"))
        let page = try read(output.appendingPathComponent("codes/9999-0001.html"))
        #expect(page.contains("No position description with occupation code 9999-0001 is on file"))
        #expect(page.contains("The old code <mark>9999-0001</mark> is retired."))
    }

    @Test func titleOrGradeThatDisagreesWithTheCatalogWarnsNamingBoth() throws {
        let letter = Self.letter
            .replacingOccurrences(of: "Customer Relations Coordinator, EAS-17 (Occupational Code 2345-5035)",
                                  with: "Customer Relations Manager, EAS-21 (Occupational Code 2345-5035)")
            .replacingOccurrences(of: "| EAS-19 | 2370-0671 |", with: "| EAS-18 | 2370-0671 |")
        let (content, output) = try makeSite(["letters/2024-03-01-new.md": letter])
        let warnings = try builder(content, output).check().warnings.map(\.description)
        #expect(warnings.count == 3, "\(warnings)")
        #expect(warnings.contains { $0.contains(":16:") && $0.contains("grade EAS-18 is written next to 2370-0671") && $0.contains("gives grade EAS-19") })
        #expect(warnings.contains { $0.contains(":18:") && $0.contains("grade EAS-21 is written next to 2345-5035") && $0.contains("EAS-17") })
        #expect(warnings.contains { $0.contains("'Customer Relations Manager' is written next to 2345-5035") && $0.contains("'Customer Relations Coordinator'") })
    }

    @Test func redlineMarksDeletionsInsertionsAndRenumbering() throws {
        let (content, output) = try makeSite([:])
        _ = try builder(content, output).build()
        let redline = try read(output.appendingPathComponent("codes/2345-5035-redline.html"))
        #expect(redline.contains("for a <del><span class=\"visually-hidden\">deleted: </span>large post office</del> <ins><span class=\"visually-hidden\">inserted: </span>designated area</ins>."))
        #expect(redline.contains("<del><span class=\"visually-hidden\">deleted: </span>Works closely with operations managers.</del>"))
        #expect(redline.contains("Renumbered from item 3; text unchanged."))
        #expect(redline.contains("<h2 id=\"side-by-side\">Side by side</h2>"))
        #expect(redline.contains("<th scope=\"col\">Current version, August 30, 2022</th><th scope=\"col\">Proposed version, August 30, 2022</th>"))
    }

    @Test func siteWithoutCodesHasNoCodePages() throws {
        let folder = try temporaryFolder("nocodes")
        let content = folder.appendingPathComponent("Content/articles")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try Data("---\ntitle: Hello\nkind: article\ndate: 2024-01-02\n---\n\nNo codes here, only 2019-12-12.\n".utf8)
            .write(to: content.appendingPathComponent("hello.md"))
        let output = folder.appendingPathComponent("Public")
        _ = try builder(folder.appendingPathComponent("Content"), output).build()
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("codes").path))
        #expect(!(try read(output.appendingPathComponent("articles/hello.html"))).contains("codes/index.html"), "no menu entry to a missing index")
    }
}

/// The real content: every code has its page and both revised positions get a computed redline.
@Suite struct RealContentCodeTests {
    @Test func realContentHasCodePagesAndRedlines() throws {
        let (output, report) = try buildRealContent("realcodes")
        #expect(!report.warnings.contains { $0.message.contains("written next to") || $0.message.contains("no description on file") },
                "\(report.warnings)")
        let codes = ["0340-0016", "1910-0029", "1910-0030", "2320-0010", "2345-5035", "2370-0671"]
        let pages = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("codes").path).sorted()
        #expect(pages == ["0340-0016-redline.html", "0340-0016.html", "1910-0029.html", "1910-0030.html", "2320-0010.html",
                          "2345-5035-redline.html", "2345-5035.html", "2370-0671.html", "index.html"])
        let index = try read(output.appendingPathComponent("codes/index.html"))
        for code in codes { #expect(index.contains("href=\"../codes/\(code).html\"") || index.contains("href=\"\(code).html\""), "\(code)") }

        // The letter's list names each new code with title and grade; each code page points back at that list item.
        let quality = try read(output.appendingPathComponent("codes/1910-0030.html"))
        #expect(quality.contains("href=\"../letters/2019-12-12-enterprise-customer-care-restructure.html#line-30\""))
        #expect(quality.contains("New"))

        // 0340-0016's requirement "Knowledge of policies, …" was item 6 and is item 2: one changed item, not noise.
        let redline = try read(output.appendingPathComponent("codes/0340-0016-redline.html"))
        #expect(redline.contains("Changed; was item 6."))
        #expect(redline.contains("Renumbered from item 9; text unchanged."))
        #expect(redline.contains("<ins><span class=\"visually-hidden\">inserted: </span>(KPIs)</ins>"))
        #expect(!redline.contains("3.4."))
        let other = try read(output.appendingPathComponent("codes/2345-5035-redline.html"))
        #expect(other.contains("(section deleted)"), "Operational Requirements exists only in the current version")
        #expect(other.contains("<del><span class=\"visually-hidden\">deleted: </span>POSTMASTER</del> <ins><span class=\"visually-hidden\">inserted: </span>Manager Customer Relations</ins>"))
    }
}
