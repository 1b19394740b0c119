/// HTML the portal generated, made well-formed XML for an EPUB's XHTML documents.
///
/// The input is the portal's own HTML (text escaped, attribute values quoted,
/// so `<` and `"` only delimit tags and values): void elements are closed
/// (`<br>` becomes `<br/>`), attributes written without a value get their name
/// as value, and named character references other than XML's five become numeric
/// ones. One pass over the bytes; our own code because no allowed library converts HTML to XHTML.
package enum XHTMLText {
    private static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    /// The named references HTML the portal emits may hold, beyond XML's own.
    private static let namedReferences: [String: String] = [
        "nbsp": "#160", "ndash": "#8211", "mdash": "#8212", "hellip": "#8230", "middot": "#183", "rarr": "#8594",
        "larr": "#8592", "lsquo": "#8216", "rsquo": "#8217", "ldquo": "#8220", "rdquo": "#8221", "copy": "#169",
        "sect": "#167", "times": "#215", "minus": "#8722", "deg": "#176", "para": "#182", "bull": "#8226", "#39": "#39",
    ]
    private static let xmlReferences: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    package static func from(html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var index = 0
        // Text runs are copied by bytes, looking only for `<` and `&`; tags (a small share) go through `tag`.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                var end = index + 1
                var inQuotes = false
                while end < bytes.count, inQuotes || bytes[end] != UInt8(ascii: ">") {
                    if bytes[end] == UInt8(ascii: "\"") { inQuotes.toggle() }
                    end += 1
                }
                guard end < bytes.count else {
                    out.append(contentsOf: Array("&lt;".utf8))
                    index += 1
                    continue
                }
                if let closing = Self.closing(bytes, index, end) {
                    // Most tags are well-formed XML already: copied, closed when void.
                    out.append(contentsOf: bytes[index..<end])
                    out.append(contentsOf: closing)
                } else {
                    out.append(contentsOf: Array(tag(Substring(String(decoding: bytes[index...end], as: UTF8.self))).utf8))
                }
                index = end + 1
            } else if byte == UInt8(ascii: "&") {
                var end = index + 1
                while end < bytes.count, end - index < 12, bytes[end] != UInt8(ascii: ";"), bytes[end] != UInt8(ascii: "&"), bytes[end] != UInt8(ascii: "<") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: ";") {
                    out.append(contentsOf: Array(references(in: Substring(String(decoding: bytes[index...end], as: UTF8.self))).utf8))
                    index = end + 1
                } else {
                    out.append(contentsOf: Array("&amp;".utf8))
                    index += 1
                }
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// How the tag from `start` to `end` (its `>`) ends in XML when it needs nothing else: `>`, or `/>` for a void
    /// element; nil when it needs ``tag(_:)`` (an attribute without a value or with a reference in it, a comment).
    private static func closing(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [UInt8]? {
        let slash = UInt8(ascii: "/"), quote = UInt8(ascii: "\""), equals = UInt8(ascii: "=")
        if bytes[start + 1] == slash { return [UInt8(ascii: ">")] }
        var nameEnd = start + 1
        while nameEnd < end, (0x61...0x7A).contains(bytes[nameEnd]) || (0x30...0x39).contains(bytes[nameEnd]) { nameEnd += 1 }
        guard nameEnd > start + 1 else { return nil }
        var index = nameEnd
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 { index += 1; continue }
            if byte == slash && index == end - 1 { break }
            // An attribute: its name, `=`, a quoted value with no `&`.
            while index < end, bytes[index] != equals, bytes[index] != 0x20 { index += 1 }
            guard index + 1 < end, bytes[index] == equals, bytes[index + 1] == quote else { return nil }
            index += 2
            while index < end, bytes[index] != quote {
                if bytes[index] == UInt8(ascii: "&") { return nil }
                index += 1
            }
            guard index < end else { return nil }
            index += 1
        }
        let selfClosed = bytes[end - 1] == slash
        let name = String(decoding: bytes[(start + 1)..<nameEnd], as: UTF8.self)
        if selfClosed { return [UInt8(ascii: ">")] }
        return voidElements.contains(name) ? Array("/>".utf8) : [UInt8(ascii: ">")]
    }

    /// One tag, closed when void, every attribute with a quoted value.
    private static func tag(_ tag: Substring) -> String {
        // Comments, doctypes and closing tags pass as they are.
        if tag.hasPrefix("<!") || tag.hasPrefix("</") || tag.hasPrefix("<?") { return tag.hasPrefix("<!--") ? "" : String(tag) }
        var inner = tag.dropFirst().dropLast()
        let selfClosed = inner.hasSuffix("/")
        if selfClosed { inner = inner.dropLast() }
        let nameEnd = inner.firstIndex { $0 == " " || $0 == "\n" || $0 == "\t" } ?? inner.endIndex
        let name = inner[..<nameEnd].lowercased()
        var result = "<" + name
        var attributes = inner[nameEnd...]
        while true {
            attributes = attributes.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
            guard !attributes.isEmpty else { break }
            let attributeEnd = attributes.firstIndex { $0 == "=" || $0 == " " || $0 == "\n" || $0 == "\t" } ?? attributes.endIndex
            let attribute = attributes[..<attributeEnd]
            attributes = attributes[attributeEnd...]
            if attributes.first == "=" {
                attributes = attributes.dropFirst()
                if attributes.first == "\"", let end = attributes.dropFirst().firstIndex(of: "\"") {
                    result += " \(attribute)=\"\(references(in: attributes[attributes.index(after: attributes.startIndex)..<end]))\""
                    attributes = attributes[attributes.index(after: end)...]
                } else {
                    let end = attributes.firstIndex { $0 == " " || $0 == "\n" || $0 == "\t" } ?? attributes.endIndex
                    result += " \(attribute)=\"\(references(in: attributes[..<end]).replacingOccurrences(of: "\"", with: "&quot;"))\""
                    attributes = attributes[end...]
                }
            } else {
                result += " \(attribute)=\"\(attribute)\""
            }
        }
        return result + (selfClosed || voidElements.contains(name) ? "/>" : ">")
    }

    /// Text with every named reference XML lacks made numeric, and a bare `&` escaped.
    private static func references(in text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[..<semicolon])
                if xmlReferences.contains(name) || (name.hasPrefix("#") && name.count > 1) {
                    out += "&\(name);"
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
                if let numeric = namedReferences[name] {
                    out += "&\(numeric);"
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            out += "&amp;"
            rest = after
        }
        return out + rest
    }
}
