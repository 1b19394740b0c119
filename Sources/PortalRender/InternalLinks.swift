import Foundation
import PortalContent
import PortalMarkdown

/// The links authors write between documents: rewritten to output pages while bodies are parsed, checked once every page exists.
///
/// Authors may link another document by its `.md` path relative to the linking
/// file (`../positions/2345-5035-proposed.md`) or by its output `.html` path;
/// `.md` links are rewritten to the relative `.html` page so the site keeps
/// working from `file://`. Links with a scheme (`https:`, `mailto:`) are left
/// alone. Every other link, and every `#anchor`, must resolve to a page and an
/// `id` the build writes, or ``problems(in:assets:)`` reports it.
package final class InternalLinks: @unchecked Sendable {
    /// One link an author wrote, resolved to a page path relative to the site root.
    package struct Link: Sendable, Equatable {
        /// The linking document, relative to Content/.
        package var documentPath: String
        package var written: String
        package var line: Int
        package var column: Int
        /// The output page the link leads to, or nil when it could not be resolved.
        package var page: String?
        /// The anchor after `#`, percent-decoded; empty when none.
        package var fragment: String
        /// Why the link cannot resolve, found before any page exists.
        package var problem: String?
        package var severity: Diagnostic.Severity = .error

        package init(documentPath: String, written: String, line: Int, column: Int, page: String?, fragment: String, problem: String? = nil, severity: Diagnostic.Severity = .error) {
            self.documentPath = documentPath
            self.written = written
            self.line = line
            self.column = column
            self.page = page
            self.fragment = fragment
            self.problem = problem
            self.severity = severity
        }
    }

    /// The links found in one body while it is parsed.
    package final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var links: [Link] = []

        package init() {}

        package func append(_ link: Link) { lock.withLock { links.append(link) } }
        package var all: [Link] { lock.withLock { links } }
    }

    package let documentsByPath: [String: ContentDocument]
    private let lock = NSLock()
    private var links: [Link] = []

    package init(site: ContentSite) {
        documentsByPath = Dictionary(site.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The rewriter for one document's body; the links it resolves go to `log`.
    package func rewriter(for document: ContentDocument, log: Log) -> LinkRewriter {
        LinkRewriter { [self] url, location in
            let (link, rewritten) = resolve(url, in: document, at: location)
            if let link { log.append(link) }
            return rewritten
        }
    }

    /// Adds one document's links to those checked once every page exists.
    package func add(_ found: [Link]) {
        lock.withLock { links += found }
    }

    /// The pages that a link with a `#fragment` leads to, whose anchors ``problems(in:assets:)`` needs;
    /// complete once the model exists, because links are recorded while bodies are parsed.
    package var fragmentTargets: Set<String> {
        Set(lock.withLock { links }.lazy.filter { !$0.fragment.isEmpty && $0.problem == nil }.compactMap(\.page))
    }

    /// Every link recorded so far, for the link check once every page exists.
    package var recorded: [Link] { lock.withLock { links } }

    // MARK: Resolving

    /// The recorded link (nil for external links) and the destination to write instead (nil to keep).
    private func resolve(_ url: String, in document: ContentDocument, at location: LinkLocation) -> (Link?, String?) {
        if url.hasPrefix("//") || Self.hasScheme(url) { return (nil, nil) }
        var link = Link(documentPath: document.path, written: url, line: location.line, column: location.column, page: nil, fragment: "")
        if url.isEmpty {
            // cmark-gfm renders it as href="", a link back to the same page: almost always a slip.
            link.problem = "has no destination; put the target between the parentheses, e.g. [text](../letters/x.md)"
            link.severity = .warning
            return (link, nil)
        }
        var path = Substring(url)
        var suffix = ""
        if let hash = path.firstIndex(of: "#") {
            link.fragment = String(path[path.index(after: hash)...]).removingPercentEncoding ?? ""
            suffix = String(path[hash...])
            path = path[..<hash]
        }
        if let question = path.firstIndex(of: "?") {
            suffix = String(path[question...]) + suffix
            path = path[..<question]
        }
        if path.isEmpty {
            link.page = document.outputPath
            return (link, nil)
        }
        if path.hasPrefix("/") {
            link.problem = "starts with '/', which breaks the site when opened from disk; write it relative to this file, e.g. ../letters/x.md"
            return (link, nil)
        }
        let decoded = String(path).removingPercentEncoding ?? String(path)
        guard let target = Self.join(directory: document.path, decoded) else {
            link.problem = "leads outside the site; count the '../' steps from this file's folder"
            return (link, nil)
        }
        if ContentLoader.isMarkdownPath(target) {
            guard let linked = documentsByPath[target] else {
                link.problem = "names no document: Content/\(target) does not exist; give the .md path relative to this file"
                return (link, nil)
            }
            link.page = linked.outputPath
            return (link, String(path.dropLast(3)) + ".html" + suffix)
        }
        if decoded.hasSuffix("/") || target.isEmpty {
            link.problem = "must end in an explicit page so it works from disk; add 'index.html'"
            return (link, nil)
        }
        link.page = target
        return (link, nil)
    }

    /// `path` resolved against the folder of the site-relative file `directory`; nil when it climbs above the root.
    private static func join(directory file: String, _ path: String) -> String? {
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// True for `https:`, `mailto:` and any other URL scheme.
    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    /// Every `id="…"` value in a page, entity-decoded as a browser would match `#fragment`.
    package static func anchors(in html: String) -> Set<String> {
        var anchors: Set<String> = []
        for match in html.matches(of: /\sid="([^"]*)"/) {
            anchors.insert(unescape(String(match.output.1)))
        }
        return anchors
    }

    /// Undoes ``HTML/escape(_:)``, the only escaping the build applies to ids.
    private static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
