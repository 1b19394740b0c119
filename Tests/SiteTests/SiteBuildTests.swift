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


/// The repository root, found from this file's path, so tests read the real Content/ and Theme/.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A scratch folder for one test, removed by the caller.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("portal-\(name.filter(\.isLetter))-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Builds the real Content/ with the real Theme/ into a fresh temporary `Public/` and returns the report.
func buildRealContent(_ name: String, baseURL: String? = nil, offlineBundle: Bool = false) throws -> (output: URL, report: BuildReport) {
    let output = try temporaryFolder(name).appendingPathComponent("Public")
    var options = SiteBuilder.Options(
        contentDirectory: repositoryRoot.appendingPathComponent("Content"),
        themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
        outputDirectory: output, contentDisplayRoot: "Content")
    options.baseURL = baseURL
    options.offlineBundle = offlineBundle
    let report = try SiteBuilder(options: options).build()
    return (output, report)
}

/// Every file under `folder` with its bytes, by path relative to it: what tests compare between builds.
func fileContents(in folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
        var isDirectory: ObjCBool = false
        let url = folder.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = try Data(contentsOf: url)
        }
    }
    return files
}

func read(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
}

/// End to end: the real content builds into a site where every document has its page.
@Suite(.serialized) struct RealContentBuildTests {
    let output: URL
    let report: BuildReport

    init() throws {
        (output, report) = try buildRealContent("real")
    }

    func page(_ path: String) throws -> String {
        try read(output.appendingPathComponent(path))
    }

    @Test func everyDocumentHasAPageWithItsKeyText() throws {
        let expectations: [(String, [String])] = [
            ("letters/2022-08-30-customer-relations-coordinators.html",
             ["Dear Mr. Butts:", "shifting the responsibility for the management of the Customer Relations Coordinator", "2345-5035", "2370-0671", "James Timmons", "Bruce A. Nicholson"]),
            ("letters/2019-12-12-enterprise-customer-care-restructure.html",
             ["Dear Brian:", "from 1:20 to 1:19", "1910-0030", "1910-0029", "0340-0016", "Reduction-in-Force"]),
            ("positions/2370-0671-current.html", ["2370-0671", "EAS-19", "Freedom of Information Act"]),
            ("positions/2345-5035-current.html", ["2345-5035", "EAS-17", "<abbr title=\"Executive and Administrative Schedule\">EAS</abbr>-24 and above post offices", "POSTMASTER"]),
            ("positions/2345-5035-proposed.html", ["2345-5035", "business service network representatives", "Manager Customer Relations"]),
            ("positions/1910-0030-proposed.html", ["1910-0030", "EAS-26", "quality assurance programs"]),
            ("positions/1910-0029-proposed.html", ["1910-0029", "EAS-21", "intra-site calibration"]),
            ("positions/0340-0016-current.html", ["0340-0016", "EAS-25", "Knowledge of hardware, software, and applications."]),
            ("positions/0340-0016-proposed.html", ["0340-0016", "Coordinates with Headquarters (<abbr title=\"Headquarters\">HQ</abbr>) quality and training programs"]),
            ("positions/2320-0010-current.html", ["2320-0010", "P7-06", "Clerk", "Identifies and reports unusual"]),
            ("presentations/2022-08-30-naps-presentation.html", ["NAPS Presentation", "Project Background", "Los Angeles"]),
            ("customer-connect/coordinator-duties.html", ["Enter a New Lead", "Article 8", "National business agents"]),
            ("customer-connect/questions-and-answers.html", ["within 48 hours of receipt of the lead", "M-01742", "$1.5 billion"]),
        ]
        for (path, phrases) in expectations {
            let html = try page(path)
            for phrase in phrases {
                #expect(html.contains(phrase), "\(path) lacks “\(phrase)”")
            }
        }
        #expect(report.documents == expectations.count)
    }

    @Test func ocrSlipsAreFixed() throws {
        let all = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".html") }
        for path in all {
            let html = try page(path)
            #expect(!html.contains("ldentifies"), "\(path)")
            #expect(!html.contains("customer?s"), "\(path)")
            #expect(!html.contains("☒"), "\(path)")
        }
    }

    @Test func homeListsConsultationsNewestFirstWithEnclosures() throws {
        let home = try page("index.html")
        let newer = try #require(home.range(of: "Customer Relations Coordinators and Customer Relations Specialists"))
        let older = try #require(home.range(of: "Restructure of Enterprise Customer Care"))
        #expect(newer.lowerBound < older.lowerBound)
        for link in ["positions/2345-5035-proposed.html", "positions/0340-0016-current.html", "presentations/2022-08-30-naps-presentation.html",
                     "customer-connect/questions-and-answers.html", "customer-connect/coordinator-duties.html"] {
            #expect(home.contains("href=\"\(link)\""), "home lacks a link to \(link)")
        }
    }

    @Test func everyKindHasAListingPage() throws {
        // The seeds hold no responses or decisions, so the real content has none and no listing of them.
        for kind in [DocumentKind.response, .decision] {
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("\(kind.listingSlug)/index.html").path))
        }
        for kind in DocumentKind.allCases where kind != .response && kind != .decision {
            let listing = try page("\(kind.listingSlug)/index.html")
            #expect(listing.contains("<h1>\(kind.pluralTitle)</h1>"))
        }
    }

    @Test func everyInternalLinkIsRelativeAndResolvesToAFile() throws {
        let pages = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".html") }
        let linkPattern = /(?:href|src)="([^"]*)"/
        for path in pages {
            let html = try page(path)
            for match in html.matches(of: linkPattern) {
                let target = String(match.1)
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("#") { continue }
                #expect(!target.hasPrefix("/"), "\(path) links to absolute \(target)")
                let file = String(target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                #expect(file.hasSuffix(".html") || file.hasSuffix(".css") || file.hasSuffix(".js") || file.hasSuffix(".zip") || file.hasSuffix(".epub") || file.hasSuffix(".xml")
                        || file.hasSuffix(".svg") || file.hasSuffix(".ics"),
                        "\(path) links to \(target) without an explicit file")
                let resolved = output.appendingPathComponent(path).deletingLastPathComponent().appendingPathComponent(file).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: resolved.path), "\(path) links to missing \(target)")
            }
        }
    }

    @Test func noExternalResources() throws {
        let pages = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".html") || $0.hasSuffix(".css") }
        for path in pages {
            let text = try page(path)
            #expect(!text.contains("src=\"http"), "\(path)")
            #expect(!text.contains("<link rel=\"stylesheet\" href=\"http"), "\(path)")
            #expect(!text.contains("@import"), "\(path)")
        }
    }

    @Test func staffingFiguresAreComputedNotTyped() throws {
        let letter = try page("letters/2022-08-30-customer-relations-coordinators.html")
        #expect(letter.contains("<caption>"))
        #expect(letter.contains("187.00"))
        let slides = try page("presentations/2022-08-30-naps-presentation.html")
        #expect(slides.contains("117"))
        #expect(slides.contains("127"))
        #expect(slides.contains("+10"))
        #expect(!slides.contains("CRS EAS-17"))
    }
}
