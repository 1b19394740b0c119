@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


/// Captions for Markdown tables: from the lead-in sentence, else from the header cells.
@Suite struct TableCaptionTests {
    static let table = """
        <div class="table-wrap">
        <table>
        <thead>
        <tr>
        <th scope="col">Position</th>
        <th scope="col" align="right"><a href="x.html">Current</a> <em>count</em></th>
        <th scope="col">A &amp; B</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>CRC</td>
        <td>1</td>
        <td>2</td>
        </tr>
        </tbody>
        </table>
        </div>

        """

    @Test func headersNameTheTableWithoutTheirTags() {
        let html = TableCaption.add(to: Self.table, leadIn: "Some text that does not introduce it.")
        #expect(html.contains("<table>\n<caption class=\"visually-hidden\">Table of Position, Current count, A &amp; B</caption>\n<thead>"))
        #expect(html.replacingOccurrences(of: "\n<caption class=\"visually-hidden\">Table of Position, Current count, A &amp; B</caption>", with: "") == Self.table)
    }

    @Test func aLeadInEndingWithAColonNamesTheTable() {
        let html = TableCaption.add(to: Self.table, leadIn: "Staffing changes. The following positions <change>:")
        #expect(html.contains("<caption class=\"visually-hidden\">The following positions &lt;change&gt;</caption>"))
    }

    @Test func aTableWithACaptionOrWithoutHeadersIsHandled() {
        let captioned = Self.table.replacingOccurrences(of: "<table>", with: "<table>\n<caption>Given</caption>")
        #expect(TableCaption.add(to: captioned, leadIn: "") == captioned)
        let bare = "<table>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"
        #expect(TableCaption.add(to: bare, leadIn: "") .contains("<caption class=\"visually-hidden\">Table</caption>"))
        #expect(TableCaption.add(to: "<p>no table</p>", leadIn: "") == "<p>no table</p>")
        #expect(TableCaption.headerTexts(in: Array("<th>a <b>b</b> <>c</th><th>".utf8)) == ["a b <>c"])
    }
}

extension TableCaptionTests {
    @Test func headerCellsGetAColumnScope() {
        let html = "<table>\n<thead>\n<tr>\n<th>A</th>\n<th align=\"right\">B</th>\n<th class=\"x\">C</th>\n</tr>\n</thead>\n</table>\n"
        let expected = html.replacingOccurrences(of: "<th>", with: "<th scope=\"col\">")
            .replacingOccurrences(of: "<th align=", with: "<th scope=\"col\" align=")
        #expect(TableCaption.scopingHeaders(html) == expected)
        #expect(expected.contains("<th class=\"x\">C</th>"))
        #expect(TableCaption.scopingHeaders("<p>no table</p>") == "<p>no table</p>")
    }
}
