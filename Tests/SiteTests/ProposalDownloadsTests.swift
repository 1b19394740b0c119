import Foundation
import Glibc
@testable import PortalOffline
@testable import PortalPacketPages
@testable import PortalPages
@testable import PortalSite
import Testing

/// Each consultation's ZIP and EPUB, end to end: built with the real content, extracted, followed and checked.
@Suite struct ProposalDownloadsTests {
    static let letters = ["2019-12-12-enterprise-customer-care-restructure", "2022-08-30-customer-relations-coordinators"]
    let output: URL

    init() throws {
        output = try buildRealContent("downloads").output
    }

    /// Every dossier and packet links both downloads, with each file's size as it is.
    @Test func dossiersAndPacketsLinkBothDownloadsWithTheirSizes() throws {
        for letter in Self.letters {
            let zip = try Data(contentsOf: output.appendingPathComponent("packets/letters/\(letter).zip"))
            let epub = try Data(contentsOf: output.appendingPathComponent("packets/letters/\(letter).epub"))
            for (page, prefix) in [("letters/\(letter).html", "../packets/letters/"), ("packets/letters/\(letter).html", "../../packets/letters/")] {
                let html = try read(output.appendingPathComponent(page))
                #expect(html.contains("<a href=\"\(prefix)\(letter).zip\" download>ZIP file</a> <span class=\"file-size\">(\(ProposalDownloads.size(zip.count)))</span>"), "\(page)")
                #expect(html.contains("<a href=\"\(prefix)\(letter).epub\" download>EPUB e-book</a> <span class=\"file-size\">(\(ProposalDownloads.size(epub.count)))</span>"), "\(page)")
            }
        }
        #expect(ProposalDownloads.size(999) == "999 bytes")
        #expect(ProposalDownloads.size(17_499) == "17 KB")
        #expect(ProposalDownloads.size(2_345_678) == "2.3 MB")
    }

    /// Extracted, the ZIP holds the packet as index.html, the redline, and the styles; every link and id it uses is there.
    @Test func theZIPExtractsToPagesWhoseLinksAllResolve() throws {
        let letter = "2022-08-30-customer-relations-coordinators"
        let zip = output.appendingPathComponent("packets/letters/\(letter).zip")
        _ = try run("/usr/bin/unzip", ["-tq", zip.path])
        let extracted = try temporaryFolder("extract")
        defer { try? FileManager.default.removeItem(at: extracted) }
        _ = try run("/usr/bin/unzip", ["-q", zip.path, "-d", extracted.path])
        let root = extracted.appendingPathComponent(letter)
        let contents = try files(in: root)
        #expect(contents == ["assets/print.css", "assets/review-window.js", "assets/search-shortcut.js", "assets/site.css",
                             "codes/2345-5035-redline.html", "index.html"])
        #expect(try Data(contentsOf: root.appendingPathComponent("assets/site.css"))
                == Data(contentsOf: repositoryRoot.appendingPathComponent("Theme/assets/site.css")))
        let index = try read(root.appendingPathComponent("index.html"))
        #expect(index.contains("<link rel=\"stylesheet\" href=\"assets/site.css\">"))
        #expect(index.contains("Content-Security-Policy"))
        #expect(!index.contains("Take this proposal offline"), "the copy does not link the downloads it is one of")
        #expect(index.contains("<a href=\"codes/2345-5035-redline.html\" data-destination=\"redline of occupation code 2345-5035\">Redline:"))
        var checked = 0
        for page in contents where page.hasSuffix(".html") {
            let html = try read(root.appendingPathComponent(page))
            for match in html.matches(of: /(?:href|src|action)="([^"]*)"/) {
                let link = String(match.output.1)
                #expect(!link.hasPrefix("file:") && !link.contains("://"), "\(page) links \(link) outside the copy")
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? root.appendingPathComponent(page)
                    : root.appendingPathComponent(page).deletingLastPathComponent().appendingPathComponent(parts[0].removingPercentEncoding!).standardizedFileURL
                #expect(target.path.hasPrefix(root.path) && FileManager.default.fileExists(atPath: target.path), "\(page): \(link) leads nowhere")
                if parts.count == 2, !parts[1].isEmpty, let text = try? read(target) {
                    #expect(text.contains("id=\"\(parts[1])\""), "\(page): \(link) has no such anchor")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    /// Two builds give the same ZIP and EPUB bytes.
    @Test func twoBuildsGiveTheSameDownloads() throws {
        let second = try buildRealContent("downloads-again").output
        for letter in Self.letters {
            for ext in ["zip", "epub"] {
                let path = "packets/letters/\(letter).\(ext)"
                #expect(try Data(contentsOf: output.appendingPathComponent(path)) == Data(contentsOf: second.appendingPathComponent(path)), "\(path)")
            }
        }
    }

    /// The EPUB: mimetype first and stored, a nav listing the letter and each enclosure, redlines marked, tables kept, metadata from front matter.
    @Test func theEPUBHasItsNavigationRedlinesTablesAndMetadata() throws {
        let letter = "2022-08-30-customer-relations-coordinators"
        let epub = output.appendingPathComponent("packets/letters/\(letter).epub")
        let bytes = try Data(contentsOf: epub)
        // The first local header: stored (method 0), named mimetype, no extra field, the media type as data.
        #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        #expect(bytes[8] == 0 && bytes[9] == 0 && bytes[28] == 0 && bytes[29] == 0)
        #expect(bytes[30..<38] == Data("mimetype".utf8) && bytes[38..<58] == Data("application/epub+zip".utf8))
        let names = try run("/usr/bin/unzip", ["-Z1", epub.path]).split(separator: "\n").map(String.init)
        #expect(names.prefix(3) == ["mimetype", "META-INF/container.xml", "OEBPS/package.opf"])
        let nav = try run("/usr/bin/unzip", ["-p", epub.path, "OEBPS/nav.xhtml"])
        let source = try read(repositoryRoot.appendingPathComponent("Content/letters/\(letter).md"))
        let enclosureList = try #require(source.components(separatedBy: "\nenclosures:").last?.components(separatedBy: "\n---").first)
        let enclosureCount = enclosureList.components(separatedBy: "\n  - ").count - 1
        #expect(enclosureCount == 4)
        #expect(nav.contains("<a href=\"letter.xhtml\">Letter: "))
        for number in 1...enclosureCount { #expect(nav.contains("<a href=\"enclosure-\(number).xhtml\">Enclosure \(number): "), "enclosure \(number)") }
        let redline = try run("/usr/bin/unzip", ["-p", epub.path, "OEBPS/redline-2345-5035.xhtml"])
        #expect(redline.contains("<del><span class=\"visually-hidden\">deleted: </span>"))
        #expect(redline.contains("<ins><span class=\"visually-hidden\">inserted: </span>"))
        let style = try run("/usr/bin/unzip", ["-p", epub.path, "OEBPS/style.css"])
        #expect(style.contains(".visually-hidden"))
        let chapters = try names.filter { $0.hasSuffix(".xhtml") }.map { try run("/usr/bin/unzip", ["-p", epub.path, $0]) }
        #expect(chapters.contains { $0.contains("<table") && $0.contains("<th") }, "tables stay tables")
        let package = try run("/usr/bin/unzip", ["-p", epub.path, "OEBPS/package.opf"])
        let title = try #require(source.firstMatch(of: /\ntitle: "?([^"\n]+)"?\n/)).output.1
        #expect(package.contains("<dc:title>Proposal packet: \(title)</dc:title>"))
        #expect(package.contains("<dc:date>2022-08-30</dc:date>"))
        #expect(package.contains("<dc:identifier id=\"book-id\">urn:uuid:"))
        #expect(package.contains("<meta property=\"dcterms:modified\">"))
    }

    /// `epubcheck` (Debian's package) finds no error and no warning in any EPUB; skipped where it is not installed.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: EPUBCheck.jar) && FileManager.default.isExecutableFile(atPath: "/usr/bin/java")))
    func epubcheckReportsNothing() throws {
        for letter in Self.letters {
            let report = try EPUBCheck.run(output.appendingPathComponent("packets/letters/\(letter).epub"))
            #expect(report.contains("0 fatals / 0 errors / 0 warnings"), "\(letter): \(report)")
        }
    }

    /// An unchanged consultation's downloads are the previous build's files; an edit to an enclosure makes them again.
    @Test func anUnchangedConsultationsDownloadsAreReused() throws {
        let workspace = try IncrementalBuildTests.Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        try workspace.build()
        func identity(_ path: String) -> ino_t {
            var status = stat()
            return stat(workspace.output.appendingPathComponent(path).path, &status) == 0 ? status.st_ino : 0
        }
        let zip = "packets/letters/2022-08-30-customer-relations-coordinators.zip"
        let epub = "packets/letters/2022-08-30-customer-relations-coordinators.epub"
        let before = (identity(zip), identity(epub))
        try workspace.edit("customer-connect/coordinator-duties.md") { $0 + "\nOne more line.\n" }
        try workspace.build()
        #expect((identity(zip), identity(epub)) == before, "an edit elsewhere left the downloads as they were, not made again")
        let bytes = try Data(contentsOf: workspace.output.appendingPathComponent(zip))
        try workspace.edit("positions/2345-5035-proposed.md") { $0 + "\nThe incumbent also answers for one more duty.\n" }
        try workspace.build()
        #expect(try Data(contentsOf: workspace.output.appendingPathComponent(zip)) != bytes)
        try IncrementalBuildTests.expectSameAsClean(workspace, "after an edit to an enclosure")
    }

    /// Printed, the packet's links name where they lead: a document's title, a code, or a path in the site.
    @Test func packetLinksCarryTheirPrintedDestination() throws {
        let packet = try read(output.appendingPathComponent("packets/letters/2022-08-30-customer-relations-coordinators.html"))
        let names = packet.matches(of: /data-destination="([^"]*)"/).map { String($0.output.1) }
        #expect(names.count > 3)
        #expect(names.contains { $0.hasPrefix("occupation code ") })
        #expect(!names.contains { $0.contains("file:") || $0.hasPrefix("..") })
        #expect(try read(repositoryRoot.appendingPathComponent("Theme/assets/print.css")).contains("attr(data-destination)"))
    }

    @Test func htmlBecomesWellFormedXHTML() {
        #expect(XHTMLText.from(html: "<p>a<br>b&nbsp;c &amp; d</p><hr><input type=\"checkbox\" checked>")
                == "<p>a<br/>b&#160;c &amp; d</p><hr/><input type=\"checkbox\" checked=\"checked\"/>")
        #expect(XHTMLText.from(html: "<!--x--><td colspan=2>R&D</td>") == "<td colspan=\"2\">R&amp;D</td>")
    }

    @Test func linksOutsideTheCopyBecomeTextOrGo() {
        let html = "<link rel=\"alternate\" href=\"../../feed.xml\"><a href=\"../../positions/x.html#d\">x</a> <a href=\"https://e.org/\">e</a> <a href=\"#top\">t</a>"
            + "<form action=\"../../search.html\"><input></form><script src=\"../../assets/gone.js\"></script>"
        let rewritten = OfflineLinks.rewrite(html, from: "packets/letters/a.html") { path, fragment in
            path == "positions/x.html" ? "index.html#enclosure-1-\(fragment ?? "")" : nil
        }
        #expect(rewritten == "<a href=\"index.html#enclosure-1-d\">x</a> <a href=\"https://e.org/\">e</a> <a href=\"#top\">t</a>")
    }
}

/// Debian's `epubcheck`, run through Java (the package's command relies on binfmt to run its jar).
enum EPUBCheck {
    static let jar = "/usr/share/java/epubcheck.jar"

    /// epubcheck's report on `book`: its standard output and error together.
    static func run(_ book: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/java")
        process.arguments = ["-jar", jar, book.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
