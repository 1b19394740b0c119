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
        var out = ""
        out.reserveCapacity(html.utf8.count + html.utf8.count / 16)
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += references(in: rest[..<open])
            guard let close = tagEnd(in: rest, from: open) else {
                out += references(in: rest[open...]).replacingOccurrences(of: "<", with: "&lt;")
                return out
            }
            out += tag(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        out += references(in: rest)
        return out
    }

    /// The `>` ending the tag that starts at `open`, outside quoted values.
    private static func tagEnd(in text: Substring, from open: Substring.Index) -> Substring.Index? {
        var inQuotes = false
        var index = text.index(after: open)
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" { inQuotes.toggle() } else if character == ">" && !inQuotes { return index }
            index = text.index(after: index)
        }
        return nil
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
