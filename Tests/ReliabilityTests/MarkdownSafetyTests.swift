import Testing

@testable import PortalMarkdown

/// Raw HTML is omitted and dangerous link and image destinations are emptied before rendering.
@Suite struct MarkdownSafetyTests {
    let parser = MarkdownParser()

    @Test func rawHTMLIsOmitted() {
        let html = parser.renderHTML("""
            <script>alert(1)</script>

            <div onclick="alert(1)">x</div>

            Inline <img src=x onerror=alert(1)> and <b id="injected">b</b>.
            """)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<div"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b "))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test(arguments: [
        "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](&#106;avascript:alert(1))",
        "[x](<java\tscript:alert(1)>)", "[x](vbscript:msgbox(1))", "[x](file:///etc/passwd)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](data:image/png;base64,iVBORw0KGgo=)",
        "![x](data:image/png;base64,iVBORw0KGgo=)", "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "<javascript:alert(1)>", "<data:text/html,hi>", "[x][r]\n\n[r]: javascript:alert(1)",
        "![x](javascript:alert(1))",
    ])
    func dangerousDestinationsAreEmptied(_ markdown: String) {
        let html = parser.renderHTML(markdown).lowercased()
        for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
            #expect(!html.contains("href=\"\(scheme)"), "\(html)")
            #expect(!html.contains("src=\"\(scheme)"), "\(html)")
        }
        // The link or image is gone and its text stays: an emptied href="" is invalid and leads nowhere.
        #expect(!html.contains("href=\"\"") && !html.contains("src=\"\""), "\(html)")
        #expect(html.contains("x") || markdown.hasPrefix("<"), "\(html)")
        // And the author hears of it: one notice per unsafe destination.
        #expect(parser.parse(markdown).notices.count == 1, "\(parser.parse(markdown).notices)")
    }

    @Test func unsafeLinkBecomesItsTextWithALocatedNotice() {
        let document = parser.parse("Intro.\n\nSee [the *notes*](javascript:alert(1)) and ![chart](file:///c.png) here.")
        #expect(document.html == "<p>Intro.</p>\n<p>See the <em>notes</em> and chart here.</p>\n")
        #expect(document.notices == [
            MarkdownNotice(kind: .unsafeDestination("javascript:alert(1)"), line: 3, column: 5),
            MarkdownNotice(kind: .unsafeDestination("file:///c.png"), line: 3, column: 44),
        ])
    }

    @Test func rawHTMLGivesALocatedNotice() {
        let document = parser.parse("Text.\n\n<div>block</div>\n\nAn <b>inline</b> tag.")
        #expect(document.notices == [
            MarkdownNotice(kind: .rawHTML("<div>block</div>\n"), line: 3, column: 1),
            MarkdownNotice(kind: .rawHTML("<b>"), line: 5, column: 4),
            MarkdownNotice(kind: .rawHTML("</b>"), line: 5, column: 13),
        ])
        #expect(parser.parse("Plain [text](https://example.org) and `<code>`.").notices.isEmpty)
    }

    @Test func safeDestinationsAreKept() {
        let html = parser.renderHTML("[a](https://example.org/x) [b](other.html#part) [c](#top) [d](mailto:a@example.org)")
        #expect(html.contains("href=\"https://example.org/x\""))
        #expect(html.contains("href=\"other.html#part\""))
        #expect(html.contains("href=\"#top\""))
        #expect(html.contains("href=\"mailto:a@example.org\""))
    }

    @Test func schemeIsReadAsABrowserReadsIt() {
        #expect(UnsafeURLFilter.isUnsafe(" \u{1}JaVa\tScRiPt:alert(1)"))
        #expect(UnsafeURLFilter.isUnsafe("java\nscript:x"))
        #expect(UnsafeURLFilter.isUnsafe("DATA:image/png;base64,AA"))
        #expect(!UnsafeURLFilter.isUnsafe("https://example.org/javascript:x"))
        #expect(!UnsafeURLFilter.isUnsafe("notes/data:x.html"))
        #expect(!UnsafeURLFilter.isUnsafe(""))
    }
}
