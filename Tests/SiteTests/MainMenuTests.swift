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


/// The main menu comes from `nav.mustache`, rendered once per depth and marked entry, on every page.
@Suite struct MainMenuTests {
    /// The menu's `<ul>` on a page, with the links it holds.
    static func menu(of html: String) throws -> String {
        let start = try #require(html.range(of: "<nav class=\"site-nav\""))
        let end = try #require(html.range(of: "</nav>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func everyPageLinksTheMenuFromItsDepthAndMarksOnlyItsOwnEntry() throws {
        let (output, _) = try buildRealContent("menu")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let home = try Self.menu(of: read(output.appendingPathComponent("index.html")))
        #expect(home.contains("<a href=\"index.html\" aria-current=\"page\">Home</a>"))
        #expect(home.contains("<a href=\"positions/index.html\">Position descriptions</a>"))
        #expect(home.components(separatedBy: "aria-current").count == 2)

        let listing = try Self.menu(of: read(output.appendingPathComponent("positions/index.html")))
        #expect(listing.contains("<a href=\"../index.html\">Home</a>"))
        #expect(listing.contains("<a href=\"../positions/index.html\" aria-current=\"page\">Position descriptions</a>"))
        #expect(listing.components(separatedBy: "aria-current").count == 2)

        // A page in the same folder shares the listing's links but marks nothing; a deeper page goes up twice.
        let position = try Self.menu(of: read(output.appendingPathComponent("positions/2345-5035-current.html")))
        #expect(position == listing.replacingOccurrences(of: " aria-current=\"page\"", with: ""))
        let packets = try FileManager.default.subpathsOfDirectory(atPath: output.appendingPathComponent("packets").path)
        let packet = try #require(packets.first { $0.hasSuffix(".html") && $0.contains("/") })
        let deep = try Self.menu(of: read(output.appendingPathComponent("packets/\(packet)")))
        #expect(deep.contains("<a href=\"../../index.html\">Home</a>"))
        #expect(!deep.contains("aria-current"))
    }

    @Test func editingTheMenuTemplateChangesEveryPage() throws {
        let root = try temporaryFolder("menuTheme")
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = root.appendingPathComponent("Theme")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Theme"), to: theme)
        let nav = theme.appendingPathComponent("templates/nav.mustache")
        let text = try read(nav).replacingOccurrences(of: "{{label}}</a>", with: "{{label}}</a> <small>menu</small>")
        try text.write(to: nav, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("Public")
        _ = try SiteBuilder(options: .init(
            contentDirectory: repositoryRoot.appendingPathComponent("Content"), themeDirectory: theme,
            outputDirectory: output, contentDisplayRoot: "Content")).build()
        for page in ["index.html", "positions/index.html", "positions/2345-5035-current.html", "search.html"] {
            #expect(try read(output.appendingPathComponent(page)).contains("Home</a> <small>menu</small>"), "\(page)")
        }
        // Without the template, the theme names what it lacks.
        try FileManager.default.removeItem(at: nav)
        #expect(throws: Diagnostics.self) {
            _ = try Theme.load(from: theme)
        }
    }
}
