import Foundation

/// iCalendar (RFC 5545) text: escaped values, and content lines folded at 75 octets and ended with CRLF.
///
/// Our own code rather than a library: none of the allowed Swift packages writes iCalendar, and the
/// calendar needs only these two rules.
package enum ICalendarText {
    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`.
    package static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            // Other controls are not allowed in a TEXT value (§3.1); a space keeps the words apart.
            case "\u{00}"..."\u{1F}", "\u{7F}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One content line folded as §3.1 asks: no line longer than 75 octets, each continuation starting
    /// with a space, never splitting a UTF-8 sequence; every line ends with CRLF.
    package static func folded(_ line: String) -> String {
        var out = ""
        var current = 0
        let limit = 75
        for character in line.unicodeScalars {
            let length = String(character).utf8.count
            if current + length > limit {
                out += "\r\n "
                current = 1
            }
            out.unicodeScalars.append(character)
            current += length
        }
        return out + "\r\n"
    }

    /// A whole calendar from its unfolded content lines.
    package static func calendar(_ lines: [String]) -> String {
        lines.map(folded).joined()
    }

    /// `YYYYMMDD`, the DATE form (§3.3.4), of a `YYYY-MM-DD` day.
    package static func date(_ isoDate: String) -> String {
        isoDate.replacingOccurrences(of: "-", with: "")
    }
}
