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


/// End to end: a small site builds a search page and an index whose scripts carry content only as escaped literals.
@Suite struct SearchPagesTests {
    static let hostileTitle = "</script><script>alert(1)</script>"

    /// A letter of seven paragraphs, the position it encloses, a Q&A and an article with a hostile title.
    func makeSite() throws -> (content: URL, output: URL) {
        let folder = try temporaryFolder("search")
        let content = folder.appendingPathComponent("Content")
        for directory in ["letters", "positions", "customer-connect"] {
            try FileManager.default.createDirectory(at: content.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        let paragraphs = (1...7).map { "Paragraph \($0) of the letter about the workload model." }.joined(separator: "\n\n")
        let files = [
            "letters/2022-08-30-test.md": """
                ---
                title: Test letter
                kind: letter
                date: 2022-08-30
                from: {name: Sender}
                to: {name: Receiver}
                statute: 39 U.S.C. §1004(d)
                enclosures:
                  - {code: 2345-5035, version: current}
                ---

                \(paragraphs)
                """,
            "positions/2345-5035-current.md": """
                ---
                title: Customer Relations Coordinator
                kind: position
                date: 2022-08-30
                occupation_code: 2345-5035
                grade: EAS-17
                version: current
                ---

                ## Functional Purpose

                Coordinates customer relations.

                ## Duties and Responsibilities

                Answers inquiries within 48 hours.
                """,
            "customer-connect/questions-and-answers.md": """
                ---
                title: Q and A
                kind: qa
                date: 2022-01-01
                ---

                ## How long until a lead is acted upon?

                Within 48 hours of receipt.

                ## Who monitors the stations?

                The coordinator.
                """,
            "customer-connect/hostile.md": """
                ---
                title: "\(Self.hostileTitle)"
                kind: article
                date: 2022-01-02
                summary: "An <img src=x onerror=alert(2)> summary & 'quotes'"
                ---

                Text with `</script>` in code and a <b>raw tag</b>.
                """,
        ]
        for (path, text) in files {
            try Data(text.utf8).write(to: content.appendingPathComponent(path))
        }
        return (content, folder.appendingPathComponent("Public"))
    }

    func build() throws -> URL {
        let (content, output) = try makeSite()
        _ = try SiteBuilder(options: .init(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content")).build()
        return output
    }

    func searchFiles(_ output: URL) throws -> [String: String] {
        let folder = output.appendingPathComponent("search")
        var files: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where path.hasSuffix(".js") {
            files[path] = try read(folder.appendingPathComponent(path))
        }
        return files
    }

    @Test func writesTheSearchPageAndItsIndexScripts() throws {
        let output = try build()
        let page = try read(output.appendingPathComponent("search.html"))
        #expect(page.contains("<script src=\"assets/search.js\"></script>"))
        #expect(page.contains("<script src=\"search/manifest.js\"></script>"))
        #expect(page.contains("id=\"search-status\" class=\"search-status\" role=\"status\" aria-live=\"polite\""))
        #expect(page.contains("<option value=\"EAS-17\">EAS-17</option>"))
        #expect(!page.contains("<script>"), "no inline scripts")

        let files = try searchFiles(output)
        #expect(files["manifest.js"]?.hasPrefix("PortalSearch.manifest({") == true)
        #expect(files["s/0.js"]?.hasPrefix("PortalSearch.addShard(0,{") == true)
        #expect(files["c/0.js"]?.contains("\"2345-5035\":{") == true)
        // One document file per document, in path order: the hostile article sorts first.
        #expect((0..<4).allSatisfy { files["d/\($0).js"] != nil })
        #expect(files["d/3.js"]?.contains("\"positions/2345-5035-current.html\"") == true)
        #expect(files["d/2.js"]?.contains("[\"passage-1\",\"Paragraphs 1–3\",") == true)
        #expect(files["d/2.js"]?.contains("[\"passage-3\",\"Paragraph 7\",") == true)
        #expect(files["d/1.js"]?.contains("[\"how-long-until-a-lead-is-acted-upon\",") == true)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/search.js").path))
    }

    /// A code page is a search result of its own, after the documents, with its title, grade and enclosing letter.
    @Test func codePagesAreSearchedAfterTheDocuments() throws {
        let files = try searchFiles(build())
        let codePage = try #require(files.values.first { $0.contains("\"codes/2345-5035.html\"") && $0.contains("\"Site page\"") })
        #expect(codePage.contains("2345-5035 · Customer Relations Coordinator"))
        #expect(codePage.contains("Customer Relations Coordinator, EAS-17."))
        #expect(codePage.contains("Enclosed with: Test letter."))
        #expect(files["d/3.js"]?.contains("\"positions/2345-5035-current.html\"") == true, "documents keep their numbers")
    }

    @Test func markupInContentNeverReachesTheIndexScriptsUnescaped() throws {
        let output = try build()
        let files = try searchFiles(output)
        for (path, text) in files {
            for forbidden in ["<", ">", "'", "&", "</script"] {
                #expect(!text.contains(forbidden), "search/\(path) contains \(forbidden)")
            }
        }
        let hostile = try #require(files["d/0.js"])
        #expect(hostile.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
        #expect(hostile.contains("\\u003cimg src=x onerror=alert(2)\\u003e"))
    }

    @Test func letterPassagesHaveAnchorsOnThePage() throws {
        let output = try build()
        let letter = try read(output.appendingPathComponent("letters/2022-08-30-test.html"))
        for id in ["passage-1", "passage-2", "passage-3"] {
            #expect(letter.contains("<div class=\"passage\" id=\"\(id)\">"))
        }
        #expect(letter.components(separatedBy: "Paragraph ").count - 1 >= 7)
    }

    @Test func everyPageHasTheHeaderSearchFormWithARelativeAction() throws {
        let output = try build()
        let home = try read(output.appendingPathComponent("index.html"))
        #expect(home.contains("<form class=\"site-search\" role=\"search\" action=\"search.html\" method=\"get\">"))
        let position = try read(output.appendingPathComponent("positions/2345-5035-current.html"))
        #expect(position.contains("action=\"../search.html\""))
        #expect(position.contains("<script src=\"../assets/search-shortcut.js\"></script>"))
    }

    @Test func indexIsTheSameOnEveryBuild() throws {
        #expect(try searchFiles(build()) == searchFiles(build()))
    }
}
