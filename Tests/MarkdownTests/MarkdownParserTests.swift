import Foundation
import PortalMarkdown
import Testing

@Suite struct MarkdownParserTests {
    let parser = MarkdownParser()

    @Test func rendersGFMTables() {
        let html = parser.renderHTML("| a | b |\n|---|--:|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>a</th>"))
        #expect(html.contains("<td align=\"right\">2</td>"))
    }

    @Test func rendersStrikethroughAutolinksAndTasklists() {
        let html = parser.renderHTML("~~old~~ see https://example.org\n\n- [x] done\n- [ ] open\n")
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"https://example.org\">https://example.org</a>"))
        #expect(html.contains("checked=\"\" disabled=\"\""))
    }

    @Test func rendersFootnotesInOneSection() {
        let document = parser.parse("One[^a] and two[^b].\n\n[^a]: First.\n[^b]: Second.\n")
        let footnotes = document.blocks.filter { $0.kind == .footnotes }
        #expect(footnotes.count == 1)
        #expect(footnotes[0].html.components(separatedBy: "<ol>").count == 2)
        #expect(footnotes[0].html.contains("First.") && footnotes[0].html.contains("Second."))
        #expect(document.blocks[0].html.contains("href=\"#fn-a\""))
    }

    @Test func safeModeOmitsRawHTMLAndDangerousURLs() {
        let html = parser.renderHTML(
            "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](data:text/html,hi)\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func splitsTopLevelBlocksWithLinesAndHeadings() {
        let document = parser.parse("# Title *here*\n\nPara one\nstill one.\n\n```staffing bands model=x\n```\n")
        #expect(document.blocks.count == 3)
        #expect(document.blocks[0].kind == .heading(level: 1))
        #expect(document.blocks[0].html == "Title <em>here</em>")
        #expect(document.blocks[0].text == "Title here")
        #expect(document.blocks[1].line == 3)
        #expect(document.blocks[1].text == "Para one still one.")
        #expect(document.blocks[2].kind == .code(info: "staffing bands model=x", literal: ""))
        #expect(document.blocks[2].line == 6)
    }

    @Test func tableTextSeparatesCells() {
        let document = parser.parse("| Job | Code |\n|---|---|\n| CRC | 2345-5035 |\n")
        #expect(document.blocks[0].kind == .table)
        #expect(document.blocks[0].text == "Job Code CRC 2345-5035")
    }

    @Test func linkerTurnsTextIntoLinksOutsideCodeAndLinks() {
        let linker = TextLinker { text, _ in
            guard let range = text.range(of: "2345-5035") else { return nil }
            return [
                .text(String(text[..<range.lowerBound])),
                .link(text: "2345-5035", url: "codes/2345-5035.html"),
                .text(String(text[range.upperBound...])),
            ]
        }
        let html = MarkdownParser(linker: linker).renderHTML(
            "See 2345-5035 now. `2345-5035` [2345-5035](x.html)\n")
        #expect(html.contains("See <a href=\"codes/2345-5035.html\">2345-5035</a> now."))
        #expect(html.contains("<code>2345-5035</code>"))
        #expect(html.contains("<a href=\"x.html\">2345-5035</a>"))
        #expect(html.components(separatedBy: "codes/2345-5035.html").count == 2)
    }

    /// cmark-gfm 0.29 writes process-global tables in `cmark_parser_finish`;
    /// without the parse lock, concurrent parses leave `~~x~~` literal and URLs unlinked.
    @Test func concurrentParsingKeepsStrikethroughAndAutolinks() async {
        let sources = (0..<400).map { i in
            "Item \(i): ~~gone\(i)~~ and https://example.org/\(i) and *emph*\n\n| a | b |\n|---|---|\n| ~~x~~ | www.example.com |\n"
        }
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for (i, source) in sources.enumerated() {
                group.addTask { (i, MarkdownParser().renderHTML(source)) }
            }
            var all: [Int: String] = [:]
            for await (i, html) in group { all[i] = html }
            return all
        }
        for (i, html) in results {
            #expect(html.contains("<del>gone\(i)</del>"), "strikethrough dropped in document \(i)")
            #expect(html.contains("<a href=\"https://example.org/\(i)\">"), "autolink dropped in document \(i)")
            #expect(html.contains("<td><del>x</del></td>"))
            #expect(html.contains("<a href=\"http://www.example.com\">"))
        }
    }
}
