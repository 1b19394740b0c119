import Foundation
import Testing

@testable import PortalMarkdown

/// Records what a ``LinkRewriter`` saw, from any thread.
final class SeenLinks: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, LinkLocation)] = []

    func append(_ url: String, _ location: LinkLocation) { lock.withLock { items.append((url, location)) } }
    var all: [(String, LinkLocation)] { lock.withLock { items } }
}

@Suite struct LinkRewriterTests {
    @Test func rewritesAuthorLinksAndReportsWhereTheyStand() {
        let seen = SeenLinks()
        let rewriter = LinkRewriter { url, location in
            seen.append(url, location)
            return url.hasSuffix(".md") ? String(url.dropLast(3)) + ".html" : nil
        }
        let source = "Intro.\n\nSee [the letter](../letters/a.md) and\n[the web](https://example.org/x.md \"t\").\n\n- item [jump](#duties)\n"
        let html = MarkdownParser(linkRewriter: rewriter).renderHTML(source)
        #expect(html.contains("<a href=\"../letters/a.html\">the letter</a>"))
        // The rewriter decides what is external; this one rewrote every .md.
        #expect(html.contains("href=\"https://example.org/x.html\""))
        #expect(html.contains("<a href=\"#duties\">jump</a>"))
        let urls = seen.all.map(\.0)
        #expect(urls == ["../letters/a.md", "https://example.org/x.md", "#duties"])
        #expect(seen.all.map(\.1.line) == [3, 4, 6])
        #expect(seen.all[0].1.column == 5)
    }

    @Test func linksTheTextLinkerAddsAreNotRewritten() {
        let seen = SeenLinks()
        let linker = TextLinker { text, _ in
            text.contains("CODE") ? [.link(text: "CODE", url: "codes/x.html")] : nil
        }
        let rewriter = LinkRewriter { url, location in
            seen.append(url, location)
            return nil
        }
        let html = MarkdownParser(linker: linker, linkRewriter: rewriter).renderHTML("CODE and [a](b.html)\n")
        #expect(html.contains("href=\"codes/x.html\""))
        #expect(seen.all.map(\.0) == ["b.html"])
    }
}
