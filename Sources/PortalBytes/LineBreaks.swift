import Foundation

/// Line endings as authors' editors write them, made uniform before anything counts lines.
///
/// Windows editors end lines with CR LF, and Swift reads `"\r\n"` as one
/// character that is not `"\n"`, so without this a Windows-saved file has no
/// front-matter fences and every line number is wrong. YAML also breaks lines
/// at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, which nothing else here
/// does; those are refused in front matter rather than miscounted.
public enum LineBreaks {
    /// `text` with CR LF and lone CR turned into LF; the same string when it has no CR.
    package static func normalized(_ text: String) -> String {
        var probe = text
        let hasCarriageReturn = probe.withUTF8 { bytes in
            bytes.baseAddress.map { memchr($0, 13, bytes.count) != nil } ?? false
        }
        guard hasCarriageReturn else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// `text.split(separator: "\n", omittingEmptySubsequences: false)`, found by bytes.
    ///
    /// Splitting by `Character` breaks graphemes over every byte of the body; a `\n` is always a character of its
    /// own (a `\r\n` pair would not be, but ``normalized(_:)`` has already made every line end one).
    public static func lines<Text: StringProtocol>(_ text: Text) -> [Substring] where Text.SubSequence == Substring {
        var lines: [Substring] = []
        let utf8 = text.utf8
        // Line ends found with memchr in contiguous UTF-8, which native strings are; called from another
        // module, this generic function otherwise steps through protocol witnesses byte by byte.
        let ends: [Int]? = utf8.withContiguousStorageIfAvailable { bytes in
            var ends: [Int] = []
            while let end = ByteSearch.firstIndex(of: 10, in: bytes, from: (ends.last ?? -1) + 1) { ends.append(end) }
            return ends
        }
        if let ends {
            var start = utf8.startIndex
            var startOffset = 0
            for end in ends {
                let index = utf8.index(start, offsetBy: end - startOffset)
                lines.append(text[start..<index])
                start = utf8.index(after: index)
                startOffset = end + 1
            }
            lines.append(text[start..<utf8.endIndex])
            return lines
        }
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 10 {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            utf8.formIndex(after: &index)
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }

    /// The first character YAML would read as a line break but a text editor would not, with its 1-based line and column.
    package static func firstHiddenBreak(in text: String) -> (line: Int, column: Int, name: String)? {
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
