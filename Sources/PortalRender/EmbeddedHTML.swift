import PortalBytes
import PortalContent

/// Rewrites a page's rendered HTML so it can sit inside another page, as the proposal packet needs.
///
/// The input is HTML this program generated (content text is already
/// escaped, so `<` and `"` only ever delimit tags and attribute values):
/// headings move down a level under the host page's own headings, ids and the
/// references to them get a prefix so several documents can share one page,
/// and relative links are rebased from the document's page to the host page.
/// One pass over the UTF-8 bytes; packets embed every enclosure, so this runs
/// over much of a site's text.
package enum EmbeddedHTML {
    private static let idAttributes: [[UInt8]] = ["id", "for", "aria-labelledby", "aria-describedby", "headers"].map { Array($0.utf8) }
    private static let linkAttributes: [[UInt8]] = ["href", "src"].map { Array($0.utf8) }
    private static let rewrittenAttributes = idAttributes + linkAttributes
    /// The first bytes of ``rewrittenAttributes``: most spaces are between words, and one look rules them out.
    private static let startsAttribute: [Bool] = (0..<256).map { byte in rewrittenAttributes.contains { Int($0[0]) == byte } }

    package static func embed(_ html: String, idPrefix: String, from source: String, to page: String, demote: Int) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var index = 0
        let lt = UInt8(ascii: "<"), slash = UInt8(ascii: "/"), h = UInt8(ascii: "h"), quote = UInt8(ascii: "\"")
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        // Headings and attributes only occur inside tags; the text between tags (most of the bytes) is
        // escaped, so it holds neither a `<` nor a `"`, and is copied up to the next `<` at once.
        var inTag = false, inQuotes = false
        while index < bytes.count {
            if !inTag {
                let next = ByteSearch.firstIndex(of: lt, in: bytes, from: index) ?? bytes.count
                out.append(contentsOf: bytes[index..<next])
                index = next
                guard index < bytes.count else { break }
                inTag = true
                inQuotes = false
            }
            let byte = bytes[index]
            if byte == quote {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: ">") && !inQuotes {
                inTag = false
            }
            if byte == lt {
                // <hN or </hN followed by a space or '>': move the level down.
                var cursor = index + 1
                if cursor < bytes.count && bytes[cursor] == slash { cursor += 1 }
                if cursor + 2 < bytes.count, bytes[cursor] == h, (0x31...0x36).contains(bytes[cursor + 1]),
                   isSpace(bytes[cursor + 2]) || bytes[cursor + 2] == UInt8(ascii: ">") {
                    out.append(contentsOf: bytes[index..<cursor + 1])
                    out.append(UInt8(0x30 + min(Int(bytes[cursor + 1] - 0x30) + demote, 6)))
                    index = cursor + 2
                    continue
                }
            } else if isSpace(byte), let (name, valueStart) = attribute(in: bytes, after: index),
                      let valueEnd = bytes[valueStart...].firstIndex(of: quote) {
                let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                let rewritten = idAttributes.contains(name)
                    ? value.split(separator: " ").map { idPrefix + $0 }.joined(separator: " ")
                    : rebase(value, idPrefix: idPrefix, from: source, to: page)
                out.append(0x20)
                out.append(contentsOf: name)
                out.append(contentsOf: Array("=\"".utf8))
                out.append(contentsOf: Array(rewritten.utf8))
                out.append(quote)
                index = valueEnd + 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The attribute name and the start of its value when `name="` follows the space at `index`.
    private static func attribute(in bytes: [UInt8], after index: Int) -> ([UInt8], Int)? {
        guard index + 1 < bytes.count, startsAttribute[Int(bytes[index + 1])] else { return nil }
        for name in rewrittenAttributes {
            let end = index + 1 + name.count
            guard end + 1 < bytes.count, bytes[end] == UInt8(ascii: "="), bytes[end + 1] == UInt8(ascii: "\""),
                  bytes[(index + 1)..<end].elementsEqual(name) else { continue }
            return (name, end + 2)
        }
        return nil
    }

    /// A link written on `source` as it must be written on `page`; external and absolute links stay.
    package static func rebase(_ target: String, idPrefix: String, from source: String, to page: String) -> String {
        if target.hasPrefix("#") { return "#" + idPrefix + target.dropFirst() }
        if target.isEmpty || target.hasPrefix("/") { return target }
        if let colon = target.firstIndex(of: ":"), !target[..<colon].contains("/") { return target }
        let end = target.firstIndex { $0 == "#" || $0 == "?" } ?? target.endIndex
        var parts = source.split(separator: "/").dropLast().map(String.init)
        for component in target[..<end].split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "..": if !parts.isEmpty { parts.removeLast() }
            case ".", "": continue
            default: parts.append(String(component))
            }
        }
        // The parts come from a written href, so they are encoded already.
        return SitePath.root(from: page) + parts.joined(separator: "/") + target[end...]
    }
}
