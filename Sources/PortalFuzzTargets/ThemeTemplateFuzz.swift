import Foundation
import PortalSite

/// Loads a theme whose templates are fuzzed and renders a one-article site with it.
///
/// The first byte picks which of the real theme's templates the input
/// replaces; the rest, up to the first zero byte, is that template, and what
/// follows the zero byte is an extra template named `part`, so that includes
/// between the two (`{{> part}}`, `{{> layout}}`) and cycles through them are
/// reached. Whatever the text, loading and rendering end with pages or with
/// located diagnostics: never a crash, a trap or a stack overflow.
final class ThemeTemplateFuzz: @unchecked Sendable {
    static let shared = ThemeTemplateFuzz()

    /// Templates the input may replace: the frame, the article's page, the menu and the home page.
    private static let replaced = ["layout", "article", "nav", "home"]

    let templates: URL
    let originals: [String: Data]
    let builder: SiteBuilder
    /// One input at a time: every run writes the same files.
    private let lock = NSLock()

    private init() {
        let repository = ProcessInfo.processInfo.environment["PORTAL_REPOSITORY"].map(URL.init(fileURLWithPath:))
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-theme-fuzz-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        let content = folder.appendingPathComponent("Content")
        try! FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try! Data("---\ntitle: Fuzz\nkind: article\ndate: 2024-01-02\n---\n\nText with a [link](https://example.org).\n".utf8)
            .write(to: content.appendingPathComponent("articles/fuzz.md"))
        let theme = folder.appendingPathComponent("Theme")
        try! FileManager.default.copyItem(at: repository.appendingPathComponent("Theme"), to: theme)
        templates = theme.appendingPathComponent("templates")
        originals = Dictionary(uniqueKeysWithValues: Self.replaced.map { name in
            (name, try! Data(contentsOf: theme.appendingPathComponent("templates/\(name).mustache")))
        })
        builder = SiteBuilder(options: .init(
            contentDirectory: content, themeDirectory: theme,
            outputDirectory: folder.appendingPathComponent("Public"), contentDisplayRoot: "Content"))
    }

    func run(_ bytes: [UInt8]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let name = Self.replaced[Int(bytes.first ?? 0) % Self.replaced.count]
        let rest = bytes.dropFirst()
        let split = rest.firstIndex(of: 0) ?? rest.endIndex
        for (template, data) in originals {
            try! (template == name ? Data(rest[..<split]) : data).write(to: templates.appendingPathComponent("\(template).mustache"))
        }
        try! Data(split < rest.endIndex ? rest[(split + 1)...] : []).write(to: templates.appendingPathComponent("part.mustache"))
        do {
            let checked = try builder.check(keepingPages: true)
            invariant(!checked.pages.isEmpty, "a theme that loads built no pages")
            return checked.pages.count
        } catch {
            guard case .diagnostics(let found) = error else {
                invariant(false, "not a located error: \(error)")
                return 0
            }
            invariant(!found.errors.isEmpty, "failed without an error")
            for diagnostic in found.errors {
                invariant(diagnostic.line >= 1 && diagnostic.column >= 1 && !diagnostic.message.isEmpty, "\(diagnostic)")
            }
            return 0
        }
    }
}
