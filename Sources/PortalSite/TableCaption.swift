import Foundation

/// Gives a Markdown table the caption GFM cannot express, so every table on the site is named (WCAG 1.3.1).
///
/// The caption is the lead-in sentence when the paragraph before the table
/// ends with a colon ("… the following positions are proposed:"), else the
/// column headers. It is visually hidden, since sighted readers see the
/// lead-in or the headers right there.
enum TableCaption {
    static func add(to html: String, leadIn: String) -> String {
        guard !html.contains("<caption"), let table = html.range(of: "<table>") else { return html }
        var caption = leadIn.trimmingCharacters(in: .whitespacesAndNewlines)
        if caption.hasSuffix(":") && caption.count <= 200 {
            caption = String(caption.dropLast()).trimmingCharacters(in: .whitespaces)
            if let sentence = caption.range(of: ". ", options: .backwards) { caption = String(caption[sentence.upperBound...]) }
            caption = HTML.escape(caption)
        } else {
            // Header cells are already escaped HTML; only their tags (links, emphasis) are dropped.
            let headers = html.matches(of: /<th[^>]*>([\s\S]*?)<\/th>/).map { String($0.output.1).replacing(/<[^>]+>/, with: "") }
            caption = headers.isEmpty ? "Table" : "Table of " + headers.joined(separator: ", ")
        }
        return html.replacingCharacters(in: table, with: "<table>\n<caption class=\"visually-hidden\">\(caption)</caption>")
    }
}
