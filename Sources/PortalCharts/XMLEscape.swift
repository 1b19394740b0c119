/// Escaping for XML 1.0 text and attribute values, so any district or position name stays well-formed.
public enum XMLEscape {
    /// `text` with `&`, `<` and `>` escaped and the characters XML 1.0 cannot carry dropped.
    public static func text(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// An attribute value for double quotes: as ``text(_:)``, with `"` escaped and line ends kept as references.
    public static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\n" where quotes: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where quotes: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML 1.0's Char production: tab, line ends, and everything from U+0020 but U+FFFE and U+FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value == 0x09 || value == 0x0A || value == 0x0D }
        return value != 0xFFFE && value != 0xFFFF
    }
}
