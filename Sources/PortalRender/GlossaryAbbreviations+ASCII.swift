import PortalContent
import PortalMarkdown

/// The glossary marking over ASCII text, byte by byte.
///
/// Nearly every text node is ASCII, and there a letter or number is `A`–`Z`,
/// `a`–`z` or `0`–`9`, exactly what `Character`'s properties say of those bytes;
/// the marking runs over every text node of every body on each full build, where
/// grapheme breaking and Unicode property lookups cost more than the rest of it.
/// Text with any other byte takes the `Character` path, with the same answers.
extension GlossaryAbbreviations {
    /// What a word must look like to name a term, written or in capitals, or its plural.
    struct TermFilter: Sendable {
        /// Whether some term (or its capitals) starts with this byte.
        private let starts: [Bool]
        /// The longest term's length in bytes; a plural adds one.
        private let longest: Int

        init(_ glossary: Glossary) {
            var starts = [Bool](repeating: false, count: 256)
            var longest = 0
            for entry in glossary.entries {
                for key in [entry.term, entry.term.uppercased()] {
                    if let first = key.utf8.first { starts[Int(first)] = true }
                    longest = max(longest, key.utf8.count)
                }
            }
            self.starts = starts
            self.longest = longest
        }

        /// Whether a word of `length` bytes starting with `first` may be a term or a term's plural.
        func admits(first: UInt8, length: Int) -> Bool {
            starts[Int(first)] && length <= longest + 1
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// `mark(_:glossary:marked:)` for text whose every byte is ASCII.
    static func markASCII(_ text: String, glossary: Glossary, filter: TermFilter, marked: Marked) -> [TextRun] {
        var cutter = RunCutter(text)
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            guard isWordByte(utf8[index]) else {
                utf8.formIndex(after: &index)
                continue
            }
            var end = index
            var length = 0
            while end < utf8.endIndex && isWordByte(utf8[end]) {
                utf8.formIndex(after: &end)
                length += 1
            }
            if filter.admits(first: utf8[index], length: length) {
                cutter.mark(index..<end, entry: entry(for: text[index..<end], count: length, in: glossary), marked: marked)
            }
            index = end
        }
        return cutter.finish()
    }
}
