import Foundation
import Testing

@testable import PortalSite
@testable import PortalPages
@testable import PortalRender
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalCache
@testable import PortalBundle

/// Pins what the real site's pages look like, byte for byte: one page of each kind, plus the home page.
///
/// Page tests look for substrings, and the determinism and incremental tests compare builds with each
/// other, so a change to every page passes them all. Here each build of the real Content/ and Theme/
/// must write exactly the files in `Tests/Fixtures/golden/` (which mirror output paths), so any change
/// to the output shows up as a diff of those files to review. Run with `RECORD_GOLDEN_PAGES=1` to
/// re-record them after a deliberate change.
@Suite struct GoldenPagesTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    /// 2025-01-01T00:00:00Z: "today" for the review-window status, fixed so the pages do not move with the content.
    static let sourceDateEpoch = 1_735_689_600

    /// One output of each kind, by output path.
    static let pages = [
        "index.html",
        "letters/2022-08-30-customer-relations-coordinators.html",
        "positions/2345-5035-current.html",
        "positions/2345-5035-proposed.html",
        "codes/2345-5035-redline.html",
        "codes/2345-5035.html",
        "codes/index.html",
        "letters/index.html",
        "presentations/2022-08-30-naps-presentation.html",
        "slides/presentations/2022-08-30-naps-presentation.html",
        "packets/letters/2022-08-30-customer-relations-coordinators.html",
        "customer-connect/questions-and-answers.html",
        "customer-connect/coordinator-duties.html",
        "staffing/index.html",
        "staffing/customer-relations-2022-calculator.html",
        "staffing/charts/customer-relations-2022-scores.svg",
        "staffing/charts/customer-relations-2022-complement.svg",
        "search.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "search/manifest.js",
    ]

    @Test func realSitePagesMatchTheirFixtures() throws {
        let output = try Self.buildRealSite()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN_PAGES"] == "1" {
            try Self.record(from: output)
        }
        for page in Self.pages {
            let built = FileManager.default.contents(atPath: output.appendingPathComponent(page).path)
            let fixture = FileManager.default.contents(atPath: Self.fixtures.appendingPathComponent(page).path)
            guard let built else {
                Issue.record("\(page): the build no longer writes it; remove it from GoldenPagesTests.pages")
                continue
            }
            guard let fixture else {
                Issue.record("\(page): no fixture; run with RECORD_GOLDEN_PAGES=1 and review the new file")
                continue
            }
            if let difference = Self.firstDifference(expected: fixture, got: built) {
                Issue.record("\(page):\(difference) (re-record with RECORD_GOLDEN_PAGES=1 if the change is meant)")
            }
        }
        // A fixture no test compares would pass silently forever.
        #expect(try files(in: Self.fixtures) == Self.pages.sorted(), "Tests/Fixtures/golden holds exactly the listed pages")
    }

    /// A failure names the first differing line and shows both versions of it, not the whole page.
    @Test func differenceNamesTheFirstDifferingLine() {
        let expected = Data("<p>one</p>\n<p>two</p>\n<p>three</p>\n".utf8)
        #expect(Self.firstDifference(expected: expected, got: expected) == nil)
        let got = Data("<p>one</p>\n<p>too</p>\n<p>three</p>\n".utf8)
        #expect(Self.firstDifference(expected: expected, got: got) == "2: expected «<p>two</p>», got «<p>too</p>»")
        #expect(Self.firstDifference(expected: expected, got: Data("<p>one</p>".utf8)) == "2: expected «<p>two</p>», got «» (end of file)")
        let long = String(repeating: "a", count: 500)
        let shown = Self.firstDifference(expected: Data((long + "b").utf8), got: Data((long + "c").utf8)) ?? ""
        #expect(shown.count < 200 && shown.hasPrefix("1:501: "), "\(shown)")
    }

    /// Builds the real Content/ and Theme/ into a new temporary `Public/` with the fixed date; returns that folder.
    static func buildRealSite() throws -> URL {
        let output = try temporaryFolder("golden").appendingPathComponent("Public")
        var options = SiteBuilder.Options(
            contentDirectory: repositoryRoot.appendingPathComponent("Content"),
            themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content")
        options.sourceDateEpoch = sourceDateEpoch
        options.offlineBundle = false
        // With an address, so that the sitemap is written and 404.html's absolute links are pinned too.
        options.baseURL = "https://portal.example.org"
        _ = try SiteBuilder(options: options).build()
        return output
    }

    /// Replaces the fixtures with the listed pages of `output`, removing any other file there.
    static func record(from output: URL) throws {
        try? FileManager.default.removeItem(at: fixtures)
        for page in pages {
            let target = fixtures.appendingPathComponent(page)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contentsOf: output.appendingPathComponent(page)).write(to: target)
        }
    }

    /// Where two files first differ, as `line: expected «…», got «…»`, or nil when they are equal.
    ///
    /// A line longer than the window is shown from a little before its first differing column, which the
    /// location then names (`line:column`), so one changed attribute in a long line still reads at a glance.
    static func firstDifference(expected: Data, got: Data) -> String? {
        guard expected != got else { return nil }
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let gotLines = String(decoding: got, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < min(expectedLines.count, gotLines.count), expectedLines[index] == gotLines[index] { index += 1 }
        let old = index < expectedLines.count ? expectedLines[index] : nil
        let new = index < gotLines.count ? gotLines[index] : nil
        let column = zip(old ?? "", new ?? "").prefix { $0 == $1 }.count
        let window = 80
        let start = column > window / 2 && max(old?.count ?? 0, new?.count ?? 0) > window ? column - window / 4 : 0
        func shown(_ line: Substring?) -> String {
            guard let line else { return "«» (end of file)" }
            let part = line.dropFirst(start).prefix(window)
            return "«\(start > 0 ? "…" : "")\(part)\(part.endIndex < line.endIndex ? "…" : "")»"
        }
        return "\(index + 1)\(start > 0 ? ":\(column + 1)" : ""): expected \(shown(old)), got \(shown(new))"
    }
}
