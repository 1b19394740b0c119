import Foundation
@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


/// The staffing overview and calculator pages are built from Content/data/, with one source of truth.
@Suite struct StaffingPagesTests {
    let output: URL

    init() throws {
        output = try buildRealContent("staffing").output
    }

    @Test func overviewHasEveryComputedTable() throws {
        let html = try read(output.appendingPathComponent("staffing/index.html"))
        #expect(html.contains("<h1>Staffing figures</h1>"))
        // Factors, bands, districts, complement and ratio tables, each with a caption.
        #expect(html.components(separatedBy: "<caption>").count - 1 == 5)
        #expect(html.contains("<th scope=\"row\">Texas</th>"))
        #expect(html.contains("above-maximum"))
        #expect(html.contains("Figures are illustrative"))
        #expect(html.contains("117") && html.contains("127") && html.contains("+10"))
        #expect(html.contains("Customer Relations Coordinator EAS-17"))
        #expect(!html.contains("CRS EAS-17"))
    }

    @Test func calculatorReadsParametersFromTheGeneratedDataScript() throws {
        let page = try read(output.appendingPathComponent("staffing/customer-relations-2022-calculator.html"))
        #expect(page.contains("<script src=\"../staffing/customer-relations-2022-calculator-data.js\"></script>"))
        #expect(page.contains("<script src=\"../assets/calculator.js\"></script>"))
        #expect(page.contains("id=\"count-c360_service_requests\""))
        #expect(page.contains("The default means are illustrative"))
        let data = try read(output.appendingPathComponent("staffing/customer-relations-2022-calculator-data.js"))
        #expect(data.hasPrefix("window.PortalStaffing = window.PortalStaffing || {};\nwindow.PortalStaffing[\"customer-relations-2022\"] = {"))
        #expect(data.contains("\"sums\":{\"bsn_requests\":\"17510\""))
        #expect(data.contains("\"districts\":12"))
        #expect(data.contains("\"label\":\"187.00–203.00\""))
        #expect(data.contains("\"weight\":40"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/calculator.js").path))
    }

    @Test func ratioDataNamingALetterShowsInItsDossier() throws {
        let letter = try read(output.appendingPathComponent("letters/2019-12-12-enterprise-customer-care-restructure.html"))
        #expect(letter.contains("Ratio changes"))
        #expect(letter.contains("href=\"../staffing/index.html#ratio-care-centers-2019\""))
        #expect(letter.contains("1:20 to 1:19"))
    }

    @Test func ratioDataNamingAMissingLetterIsALocatedError() throws {
        let folder = try temporaryFolder("ratio")
        let content = folder.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("---\ntitle: T\nkind: article\ndate: 2024-01-02\n---\n\nText.\n".utf8)
            .write(to: content.appendingPathComponent("a.md"))
        try Data("name: R\ncurrent_ratio: 20\nproposed_ratio: 19\nconsultation: letters/none.md\ncare_centers:\n  - {name: A, agents: 40}\n".utf8)
            .write(to: content.appendingPathComponent("data/r.ratio.yaml"))
        #expect {
            try SiteBuilder(options: .init(
                contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
                outputDirectory: folder.appendingPathComponent("Public"), contentDisplayRoot: "Content")).build()
        } throws: { error in
            guard case SiteBuilder.Failure.diagnostics(let found) = error, let first = found.items.first else { return false }
            return first.description.hasPrefix("Content/data/r.ratio.yaml:4:15: error: consultation 'letters/none.md' names no letter")
        }
    }

    /// A complement table labels a code with its proposed title and grade when there is a proposed version,
    /// whichever order the two files come in.
    @Test func complementLabelsTakeTheProposedVersion() throws {
        let folder = try temporaryFolder("complement-labels")
        let content = folder.appendingPathComponent("Content")
        let manager = FileManager.default
        try manager.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
        try manager.createDirectory(at: content.appendingPathComponent("positions"), withIntermediateDirectories: true)
        let real = repositoryRoot.appendingPathComponent("Content/data")
        for name in try manager.contentsOfDirectory(atPath: real.path) where name.hasPrefix("customer-relations-2022.") {
            try manager.copyItem(at: real.appendingPathComponent(name), to: content.appendingPathComponent("data/\(name)"))
        }
        func position(_ file: String, title: String, grade: String, version: String, date: String) throws {
            try Data("""
                ---
                title: \(title)
                kind: position
                date: \(date)
                occupation_code: 2345-5035
                grade: \(grade)
                version: \(version)
                ---

                ## Functional Purpose

                Coordinates customer service programs.

                """.utf8).write(to: content.appendingPathComponent("positions/\(file)"))
        }
        // A position is named by its code and version, so the folders order them: "a/" sorts before "b/",
        // and the proposed version comes first in site order.
        for folder in ["a", "b"] {
            try manager.createDirectory(at: content.appendingPathComponent("positions/\(folder)"), withIntermediateDirectories: true)
        }
        try position("a/2345-5035-proposed.md", title: "Customer Relations Lead", grade: "EAS-18", version: "proposed", date: "2022-08-30")
        try position("b/2345-5035-current.md", title: "Customer Relations Coordinator", grade: "EAS-17", version: "current", date: "2015-01-01")
        try Data("""
            ---
            title: Complement
            kind: article
            date: 2022-08-30
            ---

            ```staffing complement complement=customer-relations-2022 codes=2345-5035
            ```

            """.utf8).write(to: content.appendingPathComponent("complement.md"))
        _ = try SiteBuilder(options: .init(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: folder.appendingPathComponent("Public"), contentDisplayRoot: "Content")).build()
        let html = try read(folder.appendingPathComponent("Public/complement.html"))
        #expect(html.contains("Customer Relations Lead EAS-18"))
        #expect(!html.contains("Customer Relations Coordinator EAS-17"))
    }
}
