import Foundation
import PortalPages
import PortalSite

/// Builds one fuzzed document, beside the real staffing data, through every check and page generator.
///
/// The first byte picks the kind, so that letters, positions, slides and
/// questions all get their generators; the rest is the Markdown body. The
/// pages must never hold an inline script or a `javascript:` link, whatever
/// the body says.
final class MarkdownPageFuzz: @unchecked Sendable {
    static let shared = MarkdownPageFuzz()

    let content: URL
    let builder: SiteBuilder
    /// One input at a time: every run writes the same file.
    private let lock = NSLock()
    private static let frontMatter = [
        "title: Fuzz\nkind: article\ndate: 2024-01-02",
        "title: Fuzz\nkind: qa\ndate: 2024-01-02",
        "title: Fuzz\nkind: presentation\ndate: 2024-01-02",
        "title: Fuzz\nkind: position\ndate: 2024-01-02\noccupation_code: 2345-5035\ngrade: EAS-17\nversion: current",
        "title: Fuzz\nkind: letter\ndate: 2024-01-02\nfrom: {name: A}\nto: {name: B}\nstatute: 39 U.S.C. §1004(d)\nenclosures: []",
    ]

    private init() {
        let repository = ProcessInfo.processInfo.environment["PORTAL_REPOSITORY"].map(URL.init(fileURLWithPath:))
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-fuzz-\(getpid())")
        content = folder.appendingPathComponent("Content")
        try? FileManager.default.removeItem(at: folder)
        try! FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        // The real staffing data, so `staffing …` blocks in the body have models and districts to compute.
        try! FileManager.default.copyItem(at: repository.appendingPathComponent("Content/data"), to: content.appendingPathComponent("data"))
        // Data files may name the real letter that proposes them; that letter isn't copied, so drop the
        // reference, or every check would fail before reaching the fuzzed page.
        let data = content.appendingPathComponent("data")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: data.path)) ?? [] where name.hasSuffix(".yaml") {
            let url = data.appendingPathComponent(name)
            let text = try! String(contentsOf: url, encoding: .utf8)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("consultation:") }
            try! Data(kept.joined(separator: "\n").utf8).write(to: url)
        }
        builder = SiteBuilder(options: .init(
            contentDirectory: content, themeDirectory: repository.appendingPathComponent("Theme"),
            outputDirectory: folder.appendingPathComponent("Public"), contentDisplayRoot: "Content"))
    }

    func run(_ bytes: [UInt8]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let kind = Int(bytes.first ?? 0) % Self.frontMatter.count
        let body = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let text = "---\n\(Self.frontMatter[kind])\n---\n\n\(body)"
        // A position must be named by its code and version; the other kinds share one name. Only one of
        // the two files is there at a time, so each run builds the one document it wrote.
        let names = ["fuzz.md", "2345-5035-current.md"]
        let name = names[Self.frontMatter[kind].contains("kind: position") ? 1 : 0]
        for other in names where other != name {
            try? FileManager.default.removeItem(at: content.appendingPathComponent("articles/\(other)"))
        }
        try! Data(text.utf8).write(to: content.appendingPathComponent("articles/\(name)"))
        guard let checked = try? builder.check(keepingPages: true) else { return 0 }
        for page in checked.pages {
            invariant(!page.path.hasPrefix("/") && !page.path.split(separator: "/").contains(".."), "page path \(page.path)")
            guard page.path.hasSuffix(".html") else { continue }
            let html = page.contents.lowercased()
            for match in html.matches(of: /<script[^>]*>/) {
                let tag = match.output
                invariant(tag.contains(" src=\"") || tag.contains("type=\"application/"), "\(page.path): inline script \(tag)")
            }
            invariant(!html.contains("href=\"javascript:") && !html.contains("src=\"javascript:"), "\(page.path): javascript: URL")
        }
        return checked.pages.count
    }
}
