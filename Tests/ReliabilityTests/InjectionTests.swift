import Foundation
import FoundationXML
import PortalBundle
import PortalCache
import PortalCheck
import PortalOutput
import PortalPages
import PortalRender
import PortalSite
import Testing

#if canImport(FoundationXML)
#endif

/// The injection corpus (`Tests/Fixtures/injection/Content`) builds, and no payload survives as markup in any output file.
///
/// Every string the corpus holds is a payload: `<script>`, event handlers,
/// `</script>` in titles, quotes, `javascript:` and `data:` links, bidi
/// controls. These checks read the files; `Tests/Browser/test_injection.py`
/// loads the same pages in Chromium.
@Suite(.serialized) struct InjectionTests {
    let output: URL
    let files: [String: String]

    init() throws {
        output = try temporaryFolder("injection").appendingPathComponent("Public")
        _ = try SiteBuilder(options: .init(
            contentDirectory: fixturesFolder.appendingPathComponent("injection/Content"), themeDirectory: themeFolder,
            outputDirectory: output, contentDisplayRoot: "Content")).build()
        var files: [String: String] = [:]
        for (path, data) in try snapshot(output) {
            files[path] = String(decoding: data, as: UTF8.self)
        }
        self.files = files
    }

    var htmlFiles: [(String, String)] { files.filter { $0.key.hasSuffix(".html") }.sorted { $0.key < $1.key } }

    /// Every start tag in an HTML file. Escaped text never holds a raw `<`, so each match is real markup.
    static func tags(in html: String) -> [String] {
        html.matches(of: /<[a-zA-Z][^>]*>/).map { String($0.output) }
    }

    /// The attributes of a start tag, names lowercased; quoted values may hold anything but their quote.
    static func attributes(of tag: String) -> [(name: String, value: String)] {
        let inside = tag.dropFirst().drop { $0.isLetter || $0.isNumber }
        return inside.matches(of: /\s*([^\s"'=\/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/).map { match in
            let value = match.output.2 ?? match.output.3 ?? match.output.4 ?? ""
            return (String(match.output.1).lowercased(), String(value))
        }
    }

    @Test func everyDocumentHasAPage() {
        for page in ["letters/2024-01-02-payload-letter.html", "positions/2345-5035-current.html",
                     "positions/2345-5035-proposed.html", "presentations/2024-01-02-payload-deck.html",
                     "articles/qa.html", "articles/bidi.html", "index.html"] {
            #expect(files[page] != nil, "no \(page)")
        }
    }

    @Test func noInjectedScriptElement() {
        for (path, html) in htmlFiles {
            for tag in Self.tags(in: html) where tag.lowercased().hasPrefix("<script") {
                // 404.html starts its links with the fixture's base_url, escaped.
                let local = tag.replacingOccurrences(of: "src=\"https://example.org/portal&amp;x=&#39;y&#39;/", with: "src=\"")
                let isFile = local.wholeMatch(of: /<script src="[a-z0-9\/._-]+\.js"( defer)?>/) != nil
                let isData = tag == "<script type=\"application/ld+json\">" || tag == "<script type=\"application/json\">"
                    || tag.hasPrefix("<script type=\"application/json\" id=\"")
                #expect(isFile || isData, "\(path): unexpected \(tag)")
            }
        }
    }

    @Test func noEventHandlerStyleOrInjectedAttribute() {
        for (path, html) in htmlFiles {
            for tag in Self.tags(in: html) {
                for (name, value) in Self.attributes(of: tag) {
                    #expect(!name.hasPrefix("on"), "\(path): event handler in \(tag)")
                    #expect(!["style", "autofocus", "formaction", "srcdoc"].contains(name), "\(path): \(name) in \(tag)")
                    #expect(!(name == "id" && value.hasPrefix("injected")), "\(path): injected element \(tag)")
                }
            }
        }
    }

    @Test func noDangerousElements() {
        for (path, html) in htmlFiles {
            for tag in Self.tags(in: html) {
                let name = tag.dropFirst().prefix { $0.isLetter || $0.isNumber }.lowercased()
                #expect(!["iframe", "object", "embed", "svg", "style", "base", "frame", "math", "template"].contains(name), "\(path): \(tag)")
                if name == "meta" { #expect(!tag.lowercased().contains("refresh"), "\(path): \(tag)") }
            }
        }
    }

    @Test func noDangerousURLs() {
        for (path, html) in htmlFiles {
            for tag in Self.tags(in: html) {
                for (name, value) in Self.attributes(of: tag)
                where ["href", "src", "action", "formaction", "data", "poster", "xlink:href", "content"].contains(name) {
                    let value = value.trimmingCharacters(in: .whitespaces).lowercased()
                        .replacingOccurrences(of: "&#x9;", with: "").replacingOccurrences(of: "\t", with: "")
                    for scheme in ["javascript:", "vbscript:", "data:", "file:", "&#"] where name != "content" || scheme != "&#" {
                        #expect(!value.hasPrefix(scheme), "\(path): \(name) in \(tag)")
                    }
                }
            }
        }
    }

    /// A `</script>` or `<!--` inside a JSON data block would end it early or change how it parses.
    @Test func jsonDataBlocksStayClosedAndParse() throws {
        var blocks = 0
        var payloads = 0
        for (path, html) in htmlFiles {
            for match in html.matches(of: /<script type="application\/(?:ld\+)?json"[^>]*>(.*?)<\/script>/.dotMatchesNewlines()) {
                let body = String(match.output.1)
                blocks += 1
                if let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)),
                   let text = String(data: try JSONSerialization.data(withJSONObject: object), encoding: .utf8),
                   text.contains("window.__pwned") {
                    payloads += 1
                }
                #expect(!body.lowercased().contains("<!--") && !body.lowercased().contains("<script"), "\(path)")
                #expect((try? JSONSerialization.jsonObject(with: Data(body.utf8))) != nil, "\(path): JSON block does not parse")
            }
        }
        // The Q&A page's JSON-LD carries a payload question, read back intact.
        #expect(blocks > 0 && payloads > 0, "\(blocks) JSON blocks, \(payloads) with a payload")
    }

    @Test func payloadTextIsShownEscaped() throws {
        let letter = try #require(files["letters/2024-01-02-payload-letter.html"])
        #expect(letter.contains("&lt;/script&gt;&lt;script&gt;window.__pwned"))
        #expect(letter.contains("&lt;b id=&quot;injected&quot;&gt;"))
        #expect(letter.contains("&amp;lt;b&amp;gt;entity"), "an entity in front matter must show as typed, not decode")
        #expect(letter.contains("<!-- raw HTML omitted -->"))
    }

    /// A quote or apostrophe followed by a combining mark is one `Character` that is not a quote,
    /// so escaping by `Character` left it bare and let a title or summary end an attribute.
    @Test func quoteBeforeACombiningMarkIsEscaped() throws {
        let page = try #require(files["articles/combining.html"])
        #expect(page.contains("&quot;\u{301} onfocus=&quot;window.__pwned=2&quot;"))
        #expect(page.contains("&#39;\u{301} onclick=&#39;window.__pwned=3&#39;"))
        for (path, html) in htmlFiles {
            for tag in Self.tags(in: html) {
                #expect(!tag.contains("\"\u{301}") && !tag.contains("'\u{301}"), "\(path): bare quote in \(tag)")
            }
        }
    }

    /// The feed, sitemap and any other XML the site writes must be well formed, whatever the content holds.
    @Test func xmlFilesAreWellFormed() {
        for (path, text) in files where path.hasSuffix(".xml") || path.hasSuffix(".rss") || path.hasSuffix(".atom") {
            let parser = XMLParser(data: Data(text.utf8))
            #expect(parser.parse(), "\(path): \(parser.parserError.map { "\($0)" } ?? "")")
            #expect(!text.contains("<script"), "\(path)")
        }
    }

    @Test func jsonFilesParse() {
        for (path, text) in files where path.hasSuffix(".json") {
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "\(path)")
        }
    }

    /// Every page carries the Content-Security-Policy, first thing after the charset.
    @Test func everyPageCarriesTheContentSecurityPolicy() {
        let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'\">"
        for (path, html) in htmlFiles {
            let head = html.components(separatedBy: "<meta charset=\"utf-8\">\n").dropFirst().first ?? ""
            #expect(head.hasPrefix(policy), "\(path) lacks the policy right after the charset")
        }
    }
}
