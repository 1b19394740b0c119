import Foundation
import FoundationXML
@testable import PortalBundle
import PortalBytes
@testable import PortalCache
@testable import PortalCheck
import PortalContent
@testable import PortalOutput
@testable import PortalPacketPages
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import StaffingModel
import Testing

#if canImport(FoundationXML)
#endif


/// Runs a command and returns its standard output; fails the test on a non-zero exit.
func run(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(executable) \(arguments) exited \(process.terminationStatus)")
    return String(decoding: data, as: UTF8.self)
}

/// Every file under `folder`, relative to it, sorted.
func files(in folder: URL) throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
        return exists && !isDirectory.boolValue
    }.sorted()
}

/// End to end over the real content: dossiers, packets, slides, Q&A, feed, sitemap, 404, bundle, page basics.
@Suite(.serialized) struct ReadingTests {
    let output: URL

    init() throws {
        output = try buildRealContent("reading", offlineBundle: true).output
    }

    func page(_ path: String) throws -> String {
        try read(output.appendingPathComponent(path))
    }

    /// The text of the `<dd>` after the `<dt>` named `term`, tags removed.
    func summaryValue(_ html: String, _ term: String) -> String? {
        guard let start = html.range(of: "<dt>\(term)</dt><dd>"), let end = html.range(of: "</dd>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound]).replacing(/<[^>]+>/, with: "")
    }

    @Test func dossierSummaryListComesFromFrontMatterAndTheDomainModule() throws {
        let html = try page("letters/2022-08-30-customer-relations-coordinators.html")
        #expect(summaryValue(html, "Date") == "August 30, 2022")
        #expect(summaryValue(html, "From") == "Bruce A. Nicholson, Manager, Labor Relations Policy Administration, United States Postal Service, Labor Relations")
        #expect(summaryValue(html, "To") == "Ivan D. Butts, President, National Association of Postal Supervisors")
        #expect(summaryValue(html, "Statute") == "39 U.S.C. §1004(d)")
        #expect(summaryValue(html, "Contact") == "James Timmons")
        let window = try #require(summaryValue(html, "Review window"))
        // 2022-08-30 + 60 calendar days, from Staffing.reviewWindow.
        #expect(window.contains("Ends October 29, 2022, 60 calendar days after the letter."))
        #expect(window.contains("Closed · review window closed on October 29, 2022 (as of "))
        #expect(html.contains("data-review-end=\"2022-10-29\""))
        #expect(html.contains("assets/review-window.js"))
        let older = try page("letters/2019-12-12-enterprise-customer-care-restructure.html")
        #expect(older.contains("data-review-end=\"2020-02-10\""))
    }

    @Test func whatIsProposedIsDerivedFromTheContent() throws {
        let newer = try page("letters/2022-08-30-customer-relations-coordinators.html")
        let proposed = String(newer[try #require(newer.firstRange(of: /<h2 id="proposed">[\s\S]*?<\/section>/))])
        #expect(proposed.contains("<h3>Revised position descriptions</h3>"))
        #expect(proposed.contains("Customer Relations Coordinator, EAS-17 (2345-5035)"))
        #expect(!proposed.contains("<h3>New positions</h3>"))
        #expect(!proposed.contains("2370-0671, EAS"))  // enclosed for reference only: no proposed version
        #expect(proposed.contains("<h3>Staffing criteria changes</h3>"))
        #expect(proposed.contains("Number of C360 service requests 40%"))
        #expect(proposed.contains("<h3>Authorization changes</h3>"))
        #expect(proposed.contains("Customer Relations Coordinator, EAS-17 (2345-5035)</a>: 100 to 107 authorized (+7)"))
        #expect(proposed.contains("Total</a>: 117 to 127 authorized (+10)"))

        let older = try page("letters/2019-12-12-enterprise-customer-care-restructure.html")
        let olderProposed = String(older[try #require(older.firstRange(of: /<h2 id="proposed">[\s\S]*?<\/section>/))])
        #expect(olderProposed.contains("<h3>New positions</h3>"))
        #expect(olderProposed.contains("Mgr Customer Care Quality Assurance, EAS-26 (1910-0030)"))
        #expect(olderProposed.contains("Lead Customer Care Quality Spec, EAS-21 (1910-0029)"))
        #expect(olderProposed.contains("<h3>Revised position descriptions</h3>"))
        #expect(olderProposed.contains("Mgr Customer Care Ops Support, EAS-25 (0340-0016)"))
    }

    @Test func enclosuresAreADocumentCollectionAndTheLetterIsLaidOutAsALetter() throws {
        let html = try page("letters/2022-08-30-customer-relations-coordinators.html")
        let collection = String(html[try #require(html.firstRange(of: /<ol class="document-collection">[\s\S]*?<\/ol>/))])
        for (href, code) in [("../positions/2370-0671-current.html", "2370-0671"), ("../positions/2345-5035-current.html", "2345-5035"),
                             ("../positions/2345-5035-proposed.html", "2345-5035"), ("../presentations/2022-08-30-naps-presentation.html", nil)] {
            #expect(collection.contains("href=\"\(href)\""))
            if let code { #expect(collection.contains("<a class=\"code\" href=\"../codes/\(code).html\">\(code)</a>")) }
        }
        #expect(collection.contains("<span class=\"tag\">Presentation</span>"))
        let letter = try #require(html.range(of: "<div class=\"letter-sheet\">"))
        let tail = html[letter.lowerBound...]
        let order = ["class=\"letterhead\">United States Postal Service, Labor Relations", "<address class=\"addressee\">", "Dear Mr. Butts:",
                     "shifting the responsibility", "Sincerely,", "<span class=\"signature-name\">Bruce A. Nicholson</span>", "Enclosures"]
        var cursor = tail.startIndex
        for marker in order {
            let found = try #require(tail.range(of: marker, range: cursor..<tail.endIndex), "letter lacks \(marker) in order")
            cursor = found.upperBound
        }
    }

    @Test func homeTimelineIsNewestFirstWithStatusAndLinks() throws {
        let home = try page("index.html")
        let newer = try #require(home.range(of: "data-review-end=\"2022-10-29\""))
        let older = try #require(home.range(of: "data-review-end=\"2020-02-10\""))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(home.contains("<ol class=\"consultations timeline\">"))
        #expect(home.contains("href=\"packets/letters/2022-08-30-customer-relations-coordinators.html\""))
        #expect(home.contains("href=\"\(OfflineBundle.fileName)\""))
        #expect(home.contains("href=\"feed.xml\""))
    }

    @Test func packetHoldsTheLetterAndEveryEnclosureInReadingOrder() throws {
        for letter in ["2022-08-30-customer-relations-coordinators", "2019-12-12-enterprise-customer-care-restructure"] {
            let html = try page("packets/letters/\(letter).html")
            let source = try read(repositoryRoot.appendingPathComponent("Content/letters/\(letter).md"))
            let enclosures = source.matches(of: /\{code: (\d{4}-\d{4}), version: (\w+)\}|\{path: ([^}]+)\.md\}/).map { match in
                match.output.3.map { "\($0).html" } ?? "positions/\(match.output.1!)-\(match.output.2!).html"
            }
            #expect(!enclosures.isEmpty)
            let found = html.matches(of: /data-enclosure="([^"]+)"/).map { String($0.output.1) }
            #expect(found == enclosures, "\(letter): packet holds \(found), letter encloses \(enclosures)")
            #expect(html.contains("id=\"packet-letter\""))
            #expect(html.matches(of: /<h1[\s>]/).count == 1)
            let ids = html.matches(of: /\sid="([^"]+)"/).map { String($0.output.1) }
            #expect(Set(ids).count == ids.count, "\(letter): duplicate ids in the packet")
            for match in html.matches(of: /href="#([^"]+)"/) {
                #expect(ids.contains(String(match.output.1)), "\(letter): packet anchor #\(match.output.1) has no target")
            }
        }
        let packet = try page("packets/letters/2022-08-30-customer-relations-coordinators.html")
        #expect(packet.contains("Dear Mr. Butts:"))
        #expect(packet.contains("business service network representatives"))  // 2345-5035 proposed
        #expect(packet.contains("Los Angeles"))  // the presentation
        #expect(packet.contains("<caption>"))  // staffing tables come along
        #expect(packet.contains("href=\"../../positions/2345-5035-proposed.html\""))
    }

    @Test func slidesQuestionsAndPositionsHaveTheirViews() throws {
        let slides = try page("slides/presentations/2022-08-30-naps-presentation.html")
        #expect(slides.contains("id=\"slide-1\""))
        #expect(slides.contains("assets/slides.js"))
        #expect(slides.contains("href=\"../../presentations/2022-08-30-naps-presentation.html\""))
        let handout = try page("presentations/2022-08-30-naps-presentation.html")
        #expect(handout.contains("href=\"../slides/presentations/2022-08-30-naps-presentation.html\""))
        #expect(handout.contains("id=\"slide-2\""))

        let qa = try page("customer-connect/questions-and-answers.html")
        let json = String(qa[try #require(qa.firstRange(of: /<script type="application\/ld\+json">([\s\S]*?)<\/script>/))])
            .replacing(/<\/?script[^>]*>/, with: "")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "FAQPage")
        let questions = try #require(object["mainEntity"] as? [[String: Any]])
        #expect(questions.count == qa.matches(of: /<section class="qa-pair"/).count)
        #expect(questions.contains { ($0["acceptedAnswer"] as? [String: Any])?["text"].map { "\($0)" }?.contains("48 hours") == true })
        #expect(qa.contains("class=\"permalink\""))

        let position = try page("positions/2345-5035-proposed.html")
        #expect(summaryValue(position, "Supervision") == "Manager Customer Relations")
        #expect(summaryValue(position, "Selection method") == "See Handbook EL-312, Section 740 - Selection Policies For Nonbargaining Positions.")
        #expect(summaryValue(position, "Occupation code")?.hasPrefix("2345-5035") == true)
        let clerk = try page("positions/2320-0010-current.html")
        #expect(summaryValue(clerk, "Bargaining unit") == "Clerk")
    }

    @Test func articleStepsStayOrderedAndTheNBAQuestionsStayAList() throws {
        let html = try page("customer-connect/coordinator-duties.html")
        let ordered = html.matches(of: /<ol>[\s\S]*?<\/ol>/).map { String(html[$0.range]) }
        #expect(ordered.contains {
            $0.contains("Go to the Blue page") && $0.contains("Customer Connect (<abbr title=\"Customer Connect\">CC</abbr>)")
        })
        for question in ["Is an intervention warranted?", "Are the hot spots under-staffed?"] {
            let item = try #require(html.range(of: "<li>\(question)</li>"), "“\(question)” is not a list item")
            let before = html[..<item.lowerBound]
            let list = try #require(before.ranges(of: /<(ul|ol)>/).last)
            #expect(before[list] == "<ul>", "“\(question)” is not in a bulleted list")
        }
    }

    @Test func feedIsAtomWithEveryConsultationNewestFirst() throws {
        let data = try Data(contentsOf: output.appendingPathComponent("feed.xml"))
        final class Collector: NSObject, XMLParserDelegate {
            var path: [String] = []
            var text = ""
            var entryTitles: [String] = []
            var ids: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                path.append(name)
                text = ""
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if path.suffix(2) == ["entry", "title"] { entryTitles.append(text) }
                if path.suffix(2) == ["entry", "id"] { ids.append(text) }
                path.removeLast()
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        #expect(parser.parse(), "feed.xml is not well-formed XML")
        #expect(collector.entryTitles == ["Customer Relations Coordinators and Customer Relations Specialists", "Restructure of Enterprise Customer Care"])
        #expect(Set(collector.ids).count == 2)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        #expect(text.contains("<updated>2022-08-30T00:00:00Z</updated>"))
    }

    @Test func noSitemapWithoutAnAddressAnd404Exists() throws {
        // The sitemaps protocol allows only absolute addresses; Content/site.yaml has none.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("sitemap.xml").path))
        let notFound = try page("404.html")
        #expect(notFound.contains("<h1>Page not found</h1>"))
        #expect(notFound.contains("href=\"index.html\""))
    }

    @Test func sitemapListsEveryPageByItsAddress() throws {
        let base = "https://portal.example.org/a"
        let built = try buildRealContent("reading-sitemap", baseURL: base).output
        let sitemap = try read(built.appendingPathComponent("sitemap.xml"))
        let listed = Set(sitemap.matches(of: /<loc>([^<]+)<\/loc>/).map { String($0.output.1) })
        let html = try files(in: built).filter { $0.hasSuffix(".html") && $0 != "404.html" }
        #expect(listed == Set(html.map { "\(base)/\($0)" }))
        #expect(sitemap.contains("<loc>\(base)/letters/2022-08-30-customer-relations-coordinators.html</loc><lastmod>2022-08-30</lastmod>"))
        #expect(try read(built.appendingPathComponent("404.html")).contains("href=\"\(base)/index.html\""))
    }

    @Test func bundleHoldsTheWholeSiteAndWorksAfterExtraction() throws {
        let zip = output.appendingPathComponent(OfflineBundle.fileName)
        let listing = try run("/usr/bin/unzip", ["-Z1", zip.path])
        let entries = listing.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("/") }
        // The marker that makes Public/ the portal's is no page of the site; each proposal's downloads are
        // online only (the bundle holds their pages already).
        let bundled = try files(in: output).filter {
            $0 != OfflineBundle.fileName && $0 != OutputClaim.markerName && !ProposalDownloads.isDownload($0)
        }
        #expect(bundled.count < (try files(in: output)).count - 2, "the proposals' downloads stay out")
        let expected = bundled.map { "\(OfflineBundle.folder)/\($0)" }
        #expect(entries == expected, "the bundle's files differ from the site's")
        #expect(entries == entries.sorted())
        _ = try run("/usr/bin/unzip", ["-tq", zip.path])
        // Deflated, and at most 35 % of the bytes it holds.
        let siteBytes = try files(in: output).filter { $0 != OfflineBundle.fileName }
            .reduce(0) { $0 + (try Data(contentsOf: output.appendingPathComponent($1)).count) }
        let zipBytes = try Data(contentsOf: zip).count
        #expect(Double(zipBytes) <= 0.35 * Double(siteBytes), "the bundle is \(zipBytes) bytes for \(siteBytes) bytes of site")
        #expect(try run("/usr/bin/unzip", ["-Zv", zip.path]).contains("compression method:                             deflated"))

        let extracted = try temporaryFolder("extract")
        _ = try run("/usr/bin/unzip", ["-q", zip.path, "-d", extracted.path])
        let root = extracted.appendingPathComponent(OfflineBundle.folder)
        for path in bundled where path != "index.html" {
            // Pages lose only their online-only parts (the links to the downloads the bundle leaves out).
            let page = try Data(contentsOf: output.appendingPathComponent(path))
            #expect(try Data(contentsOf: root.appendingPathComponent(path)) == OfflineBundle.withoutOnlineOnlyParts(page), "\(path) differs")
        }
        let packet = try read(root.appendingPathComponent("packets/letters/2022-08-30-customer-relations-coordinators.html"))
        #expect(!packet.contains(".zip\"") && !packet.contains(".epub\""), "the bundled packet links no download it lacks")
        // The offline copy's home page drops only the link to the bundle, which the copy does not contain.
        let home = try read(root.appendingPathComponent("index.html"))
        #expect(!home.contains(OfflineBundle.fileName))
        #expect(home.contains("data-review-end=\"2022-10-29\""))
        let site = try ContentLoader(directory: repositoryRoot.appendingPathComponent("Content")).load()
        let newest = try #require(site.documents.map(\.date).max()).replacingOccurrences(of: "-", with: "")
        let timestamps = try run("/usr/bin/unzip", ["-Z", "-T", zip.path])
        #expect(timestamps.contains("\(newest).000000") && !timestamps.split(separator: "\n").contains { ($0.contains(" stor ") || $0.contains(" defN ")) && !$0.contains(newest) },
                "every entry carries the newest content date, \(newest)")
    }

    @Test func everyPageHasItsOwnTitleAndDescriptionOneH1AndOrderedHeadings() throws {
        var titles: [String: String] = [:]
        for path in try files(in: output) where path.hasSuffix(".html") {
            let html = try page(path)
            let title = try #require(html.firstMatch(of: /<title>([^<]+)<\/title>/)).output.1
            #expect(titles[String(title)] == nil, "\(path) shares its title with \(titles[String(title)] ?? "")")
            titles[String(title)] = path
            let description = html.firstMatch(of: /<meta name="description" content="([^"]*)">/)?.output.1 ?? ""
            #expect(description.count > 20, "\(path) has no meta description")
            #expect(html.matches(of: /<h1[\s>]/).count == 1, "\(path) needs exactly one h1")
            var previous = 1
            for match in html.matches(of: /<h([1-6])[\s>]/).dropFirst() {
                let level = Int(match.output.1)!
                #expect(level <= previous + 1, "\(path): h\(level) follows h\(previous)")
                previous = level
            }
            for table in html.matches(of: /<table>[\s\S]*?<\/table>/) {
                #expect(html[table.range].contains("<caption"), "\(path): a table without a caption")
                #expect(!html[table.range].contains("<th>"), "\(path): a header cell without scope")
            }
            #expect(!html.contains(" style=\""), "\(path) has an inline style")
            #expect(html.contains("assets/print.css\" media=\"print\""), "\(path) lacks the print stylesheet")
        }
    }
}

/// A small synthetic site: review-window status, base_url in the sitemap and feed, deterministic bundles.
@Suite struct ReadingSmallSiteTests {
    func makeSite(baseURL: String = "") throws -> URL {
        let content = try temporaryFolder("small").appendingPathComponent("Content")
        let fileManager = FileManager.default
        for folder in ["letters", "positions"] {
            try fileManager.createDirectory(at: content.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "title: Small\ndescription: A small test portal.\nbase_url: \"\(baseURL)\"\nid_authority: portal.example.org\nid_date: 2024-05\n".write(
            to: content.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        try """
            ---
            title: A far-future proposal
            kind: letter
            date: 2199-01-01
            from: {name: Sender Person, title: Manager, organization: Postal Service}
            to: {name: Reader Person, organization: Union, address: [1 Main St]}
            statute: 39 U.S.C. §1004(d)
            enclosures:
              - {code: 1111-2222, version: proposed}
            ---

            We propose a new position.
            """.write(to: content.appendingPathComponent("letters/2199-01-01-future.md"), atomically: true, encoding: .utf8)
        try """
            ---
            title: Brand New Specialist
            kind: position
            date: 2199-01-01
            occupation_code: 1111-2222
            grade: EAS-20
            version: proposed
            consultation: letters/2199-01-01-future.md
            ---

            ## Functional Purpose

            Does new things.

            ## Supervision

            Manager, New Things
            """.write(to: content.appendingPathComponent("positions/1111-2222-proposed.md"), atomically: true, encoding: .utf8)
        return content
    }

    func build(_ content: URL, _ output: URL) throws {
        var options = SiteBuilder.Options(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content")
        options.offlineBundle = true
        _ = try SiteBuilder(options: options).build()
    }

    @Test func openWindowNewPositionAndAbsoluteURLsWithABaseURL() throws {
        let content = try makeSite(baseURL: "https://portal.example.org/")
        let output = content.deletingLastPathComponent().appendingPathComponent("Public")
        try build(content, output)
        let letter = try read(output.appendingPathComponent("letters/2199-01-01-future.html"))
        #expect(letter.contains("<strong class=\"status status-open\">Open</strong> · review window <span class=\"status-sentence\">open until</span> <time datetime=\"2199-03-02\">March 2, 2199</time>"))
        #expect(letter.contains("<h3>New positions</h3>"))
        #expect(letter.contains("Brand New Specialist, EAS-20 (1111-2222)"))
        let sitemap = try read(output.appendingPathComponent("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://portal.example.org/letters/2199-01-01-future.html</loc>"))
        #expect(!sitemap.contains("<loc>letters/"))
        let feed = try read(output.appendingPathComponent("feed.xml"))
        #expect(feed.contains("<id>tag:portal.example.org,2024-05:letters/2199-01-01-future.html</id>"))
        #expect(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://portal.example.org/feed.xml\"/>"))
        let packet = try read(output.appendingPathComponent("packets/letters/2199-01-01-future.html"))
        #expect(packet.contains("data-enclosure=\"positions/1111-2222-proposed.html\""))
        #expect(packet.contains("<dt>Supervision</dt><dd>Manager, New Things</dd>"))
    }

    @Test func twoBuildsWriteTheSameBundleBytes() throws {
        let content = try makeSite()
        let first = content.deletingLastPathComponent().appendingPathComponent("One")
        let second = content.deletingLastPathComponent().appendingPathComponent("Two")
        try build(content, first)
        try build(content, second)
        let a = try Data(contentsOf: first.appendingPathComponent(OfflineBundle.fileName))
        let b = try Data(contentsOf: second.appendingPathComponent(OfflineBundle.fileName))
        #expect(a == b)
        #expect(a.count > 1000)
    }

    @Test func buildDateComesFromSourceDateEpoch() {
        let now = 1_715_000_000  // 2024-05-06T12:53:20Z
        #expect(BuildDate.today(environment: ["SOURCE_DATE_EPOCH": "1661817600"], now: now).description == "2022-08-30")
        #expect(BuildDate.today(environment: ["SOURCE_DATE_EPOCH": "1661903999"], now: now).description == "2022-08-30")
        // Without SOURCE_DATE_EPOCH it is the build day, as the README says.
        #expect(BuildDate.today(environment: [:], now: now).description == "2024-05-06")
        #expect(BuildDate.today(environment: ["SOURCE_DATE_EPOCH": "soon"], now: now).description == "2024-05-06")
        // Never later than the build day: a SOURCE_DATE_EPOCH in the future is clamped to it.
        #expect(BuildDate.today(environment: ["SOURCE_DATE_EPOCH": "4102444800"], now: now).description == "2024-05-06")
        let stamp = OfflineBundle.timestamp(newestContentDate: "2022-08-30", environment: ["SOURCE_DATE_EPOCH": "1661817661"])
        #expect(OfflineBundle.dosDateTime(stamp).time == UInt16(1 << 5 | 0))
        #expect(OfflineBundle.dosDateTime((CivilDate("1970-01-01")!, 0)).date == 0x21)
    }

    @Test func embeddedHTMLRebasesLinksAndPrefixesIds() {
        let html = "<h2 id=\"a\">A</h2>\n<p><a href=\"#a\">x</a> <a href=\"../codes/1.html#m\">c</a> <a href=\"https://e.org/\">e</a></p><header></header>"
        let embedded = EmbeddedHTML.embed(html, idPrefix: "p-", from: "positions/x.html", to: "packets/letters/y.html", demote: 1)
        #expect(embedded == "<h3 id=\"p-a\">A</h3>\n<p><a href=\"#p-a\">x</a> <a href=\"../../codes/1.html#m\">c</a> <a href=\"https://e.org/\">e</a></p><header></header>")
        let table = "<table>\n<thead><tr><th scope=\"col\" headers=\"x y\">Code</th></tr></thead><tbody><tr id=\"line-3\"><td>é <a href=\"../positions/a.html\">a</a></td></tr></tbody></table>\n<h6 id=\"z\">Z</h6><hr><p>data-id=\"q\" text</p>"
        #expect(EmbeddedHTML.embed(table, idPrefix: "e-", from: "letters/l.html", to: "packets/letters/l.html", demote: 2)
                == "<table>\n<thead><tr><th scope=\"col\" headers=\"e-x e-y\">Code</th></tr></thead><tbody><tr id=\"e-line-3\"><td>é <a href=\"../../positions/a.html\">a</a></td></tr></tbody></table>\n<h6 id=\"e-z\">Z</h6><hr><p>data-id=\"q\" text</p>")
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
    }
}
