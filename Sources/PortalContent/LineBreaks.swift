import Foundation

/// Line endings as authors' editors write them, made uniform before anything counts lines.
///
/// Windows editors end lines with CR LF, and Swift reads `"\r\n"` as one
/// character that is not `"\n"`, so without this a Windows-saved file has no
/// front-matter fences and every line number is wrong. YAML also breaks lines
/// at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, which nothing else here
/// does; those are refused in front matter rather than miscounted.
enum LineBreaks {
    /// `text` with CR LF and lone CR turned into LF; the same string when it has no CR.
    static func normalized(_ text: String) -> String {
        var probe = text
        let hasCarriageReturn = probe.withUTF8 { bytes in
            bytes.baseAddress.map { memchr($0, 13, bytes.count) != nil } ?? false
        }
        guard hasCarriageReturn else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The first character YAML would read as a line break but a text editor would not, with its 1-based line and column.
    static func firstHiddenBreak(in text: String) -> (line: Int, column: Int, name: String)? {
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                line += 1
                column = 0
            case "\u{85}": return (line, column, "NEXT LINE (U+0085)")
            case "\u{2028}": return (line, column, "LINE SEPARATOR (U+2028)")
            case "\u{2029}": return (line, column, "PARAGRAPH SEPARATOR (U+2029)")
            default: break
            }
            column += 1
        }
        return nil
    }
}
