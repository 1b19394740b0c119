import Foundation
import PortalBytes
import PortalContent

/// Gives a Markdown table the caption GFM cannot express, so every table on the site is named (WCAG 1.3.1).
///
/// The caption is the lead-in sentence when the paragraph before the table
/// ends with a colon ("… the following positions are proposed:"), else the
/// column headers. It is visually hidden, since sighted readers see the
/// lead-in or the headers right there.
///
/// Works on the UTF-8 bytes of HTML cmark-gfm generated, where `<` only ever opens a tag.
package enum TableCaption {
    package static func add(to html: String, leadIn: String) -> String {
        let bytes = Array(html.utf8)
        guard ByteSearch.firstRange(of: Self.captionTag, in: bytes) == nil, let table = ByteSearch.firstRange(of: Self.tableTag, in: bytes) else {
            return html
        }
        var caption = leadIn.trimmingCharacters(in: .whitespacesAndNewlines)
        if caption.hasSuffix(":") && caption.count <= 200 {
            caption = String(caption.dropLast()).trimmingCharacters(in: .whitespaces)
            if let sentence = caption.range(of: ". ", options: .backwards) { caption = String(caption[sentence.upperBound...]) }
            caption = HTML.escape(caption)
        } else {
            let headers = headerTexts(in: bytes)
            caption = headers.isEmpty ? "Table" : "Table of " + headers.joined(separator: ", ")
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + caption.utf8.count + 48)
        out += bytes[..<table.upperBound]
        out += "\n<caption class=\"visually-hidden\">".utf8
        out += caption.utf8
        out += "</caption>".utf8
        out += bytes[table.upperBound...]
        return String(decoding: out, as: UTF8.self)
    }

    /// `html` with `scope="col"` on each `<th>` and `<th align=…>` cell cmark-gfm wrote, for screen readers.
    package static func scopingHeaders(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var copied = 0
        var index = 0
        while let open = ByteSearch.firstRange(of: headerOpen, in: bytes, from: index) {
            index = open.upperBound
            let rest = bytes[index...]
            guard rest.starts(with: [UInt8(ascii: ">")]) || rest.starts(with: alignAttribute) else { continue }
            out += bytes[copied..<index]
            out += scopeAttribute
            copied = index
        }
        guard copied > 0 else { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    private static let alignAttribute = Array(" align=".utf8)
    private static let scopeAttribute = Array(" scope=\"col\"".utf8)
    private static let captionTag = Array("<caption".utf8)
    private static let tableTag = Array("<table>".utf8)
    private static let headerOpen = Array("<th".utf8)
    private static let headerClose = Array("</th>".utf8)

    /// The text of each header cell, `<th …>text</th>`, without the tags inside it (links, emphasis).
    ///
    /// Header text is already escaped HTML, so it goes into the caption as it is. `<thead>` is not a
    /// cell: the pattern this replaced matched it too, which put the row's line breaks into the caption.
    package static func headerTexts(in bytes: [UInt8]) -> [String] {
        var headers: [String] = []
        var index = 0
        while let open = ByteSearch.firstRange(of: Self.headerOpen, in: bytes, from: index) {
            index = open.upperBound
            guard index < bytes.count, bytes[index] == UInt8(ascii: ">") || bytes[index] == UInt8(ascii: " ") else { continue }
            guard let tagEnd = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: index),
                  let close = ByteSearch.firstRange(of: headerClose, in: bytes, from: tagEnd + 1) else { break }
            headers.append(String(decoding: withoutTags(bytes[(tagEnd + 1)..<close.lowerBound]), as: UTF8.self))
            index = close.upperBound
        }
        return headers
    }

    /// `text` without its tags: each `<` with at least one byte before the next `>`, up to that `>`.
    private static func withoutTags(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == UInt8(ascii: "<"), let end = text[(index + 1)...].firstIndex(of: UInt8(ascii: ">")), end > index + 1 {
                index = end + 1
                continue
            }
            out.append(text[index])
            index += 1
        }
        return out
    }
}
