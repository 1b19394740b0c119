import Foundation

/// JSON for `<script type="application/ld+json">` data blocks, safe to place inside the element.
enum JSONScript {
    /// Sorted-key JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`.
    ///
    /// A content string holding `</script>` or `<!--` can then never end the
    /// data block early; JSON parsers read the escapes back as the same text.
    static func encode(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.append(character)
            }
        }
        return out
    }
}
