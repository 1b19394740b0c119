/// The glossary check's word scans over ASCII text, byte by byte.
///
/// Nearly all content is ASCII, and there a letter is `A`–`Z` or `a`–`z` and a
/// number `0`–`9`, exactly what `Character`'s properties say of those bytes; the
/// check runs over every line of every document on each build, where grapheme
/// breaking and Unicode property lookups cost more than the rest of the load.
/// Text with any other byte takes ``GlossaryCheck``'s `Character` path.
enum ASCIIWords {
    private static func isWordByte(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) || isDigit(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The words of `text` written in lower case or capitalized ("clerk", "Clerk"), lowercased, added to `words`.
    static func ordinaryWords(in text: String, into words: inout Set<String>) {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard isWordByte(bytes[index]) else { index += 1; continue }
            let start = index
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            let word = bytes[start..<index]
            let allLower = word.allSatisfy(isLower)
            let capitalized = word.dropFirst().allSatisfy(isLower) && word.contains(where: isLower)
            if allLower || capitalized {
                words.insert(String(decoding: word.map { isUpper($0) ? $0 + 0x20 : $0 }, as: UTF8.self))
            }
        }
    }

    /// The abbreviation-shaped words of an ASCII line with their columns (1-based; one byte is one character here).
    static func capitalWords(in line: Substring) -> [(Substring, Int)] {
        var found: [(Substring, Int)] = []
        let utf8 = line.utf8
        var index = utf8.startIndex
        var column = 1
        while index < utf8.endIndex {
            guard isWordByte(utf8[index]) else {
                utf8.formIndex(after: &index)
                column += 1
                continue
            }
            let start = index, startColumn = column
            while index < utf8.endIndex, isWordByte(utf8[index]) {
                utf8.formIndex(after: &index)
                column += 1
            }
            let word = line[start..<index]
            if GlossaryCheck.isAbbreviation(word) && !GlossaryCheck.startsIdentifier(line[index...]) { found.append((word, startColumn)) }
        }
        return found
    }
}
