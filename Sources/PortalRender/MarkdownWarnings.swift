import Foundation
import PortalBytes
import PortalContent
import PortalMarkdown

/// Located warnings for what a body held that its page does not show as written: raw HTML and unsafe links.
///
/// Warnings, not errors, because the page is still safe and readable; `--strict`
/// (CI) makes them errors, so none reaches the published site unnoticed.
package enum MarkdownWarnings {
    /// At most this many characters of the offending HTML or destination are quoted in a message.
    package static let quoteLimit = 60

    /// One warning per notice in `markdown`, placed in `document`'s file.
    package static func diagnostics(for markdown: MarkdownDocument, of document: ContentDocument) -> [Diagnostic] {
        guard !markdown.notices.isEmpty else { return [] }
        let lines = LineBreaks.lines(document.body)
        return markdown.notices.map { notice in
            let message: String
            switch notice.kind {
            case .unsafeDestination(let url):
                message = "link destination '\(quote(url))' uses a scheme the site never publishes (javascript:, vbscript:, file: or data:), so only its text is shown; link an https: address or a document's .md path"
            case .rawHTML(let html):
                message = "raw HTML '\(quote(html))' is left out of the page (docs/authoring-guide.md allows Markdown only); write it in Markdown or remove it"
            }
            return Diagnostic(
                .warning, path: document.displayPath, line: document.bodyLineOffset + notice.line, column: notice.column,
                message: message, sourceLine: notice.line <= lines.count ? String(lines[notice.line - 1]) : nil)
        }
    }

    /// The first line of `text`, trimmed and cut to ``quoteLimit`` characters.
    package static func quote(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.count > quoteLimit ? String(line.prefix(quoteLimit - 1)) + "…" : line
    }
}
