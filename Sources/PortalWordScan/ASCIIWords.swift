/// ``WordScan``'s scans over ASCII text, byte by byte.
///
/// Nearly all content is ASCII, and there a letter is `A`–`Z` or `a`–`z` and a
/// number `0`–`9`, exactly what `Character`'s properties say of those bytes; the
/// check runs over every line of every document on each build, where grapheme
/// breaking and Unicode property lookups cost more than the rest of the load.
/// Text with any other byte takes ``WordScan``'s `Character` path.
package enum ASCIIWords {
    private static func isWordByte(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) || isDigit(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The words of `text` written in lower case or capitalized ("clerk", "Clerk"), lowercased, added to `words`;
    /// only those in `among` when it is given.
    package static func ordinaryWords(in text: some StringProtocol, into words: inout Set<String>, among: Set<String>? = nil) {
        // A word longer than every wanted one needs no string made of it.
        let longest = among.map { $0.map(\.utf8.count).max() ?? 0 } ?? Int.max
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard isWordByte(bytes[index]) else { index += 1; continue }
            let start = index
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            guard index - start <= longest else { continue }
            let word = bytes[start..<index]
            let allLower = word.allSatisfy(isLower)
            let capitalized = word.dropFirst().allSatisfy(isLower) && word.contains(where: isLower)
            if allLower || capitalized {
                let lowercased = String(decoding: word.map { isUpper($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
                if among?.contains(lowercased) ?? true { words.insert(lowercased) }
            }
        }
    }

    /// The abbreviation-shaped words of an ASCII line with their columns (1-based; one byte is one character here).
    package static func capitalWords(in line: Substring) -> [(Substring, Int)] {
        let utf8 = line.utf8
        let ranges = utf8.withContiguousStorageIfAvailable { capitalWordRanges($0, 0, $0.count) }
            ?? Array(utf8).withUnsafeBufferPointer { capitalWordRanges($0, 0, $0.count) }
        return ranges.map { start, end in
            (line[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)], start + 1)
        }
    }

    /// The abbreviation-shaped words of `body`, each with its line's index (from 0), its column and its line, as
    /// splitting at `"\n"` and asking ``WordScan/capitalWords(in:)`` of each line gives them; nil when `body`
    /// holds a carriage return (`"\r\n"` is one `Character`, so the `Character` split would not break there).
    ///
    /// ASCII lines are scanned in place, and text is made only of the words found, which are few.
    package static func capitalWordsByLine(of body: String) -> [(line: Int, word: Substring, column: Int, sourceLine: Substring)]? {
        let utf8 = body.utf8
        return utf8.withContiguousStorageIfAvailable { bytes -> [(line: Int, word: Substring, column: Int, sourceLine: Substring)]? in
            guard !bytes.contains(13) else { return nil }
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            var found: [(line: Int, word: Substring, column: Int, sourceLine: Substring)] = []
            var lineStart = 0
            var lineIndex = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                var isASCII = true
                while lineEnd < bytes.count && bytes[lineEnd] != 10 {
                    if bytes[lineEnd] >= 0x80 { isASCII = false }
                    lineEnd += 1
                }
                if isASCII {
                    var line: Substring?
                    for (start, end) in capitalWordRanges(bytes, lineStart, lineEnd) {
                        line = line ?? body[index(lineStart)..<index(lineEnd)]
                        found.append((lineIndex, body[index(start)..<index(end)], start - lineStart + 1, line!))
                    }
                } else {
                    let line = body[index(lineStart)..<index(lineEnd)]
                    for (word, column) in WordScan.characterCapitalWords(in: line) { found.append((lineIndex, word, column, line)) }
                }
                lineStart = lineEnd + 1
                lineIndex += 1
            }
            return found
        } ?? nil
    }

    /// The byte ranges of the abbreviation-shaped words between `start` and `end`: what
    /// ``WordScan/characterCapitalWords(in:)`` finds in the same ASCII text (a test holds them together).
    private static func capitalWordRanges(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [(Int, Int)] {
        var ranges: [(Int, Int)] = []
        var index = start
        while index < end {
            guard isWordByte(bytes[index]) else { index += 1; continue }
            let wordStart = index
            while index < end, isWordByte(bytes[index]) { index += 1 }
            // An abbreviation: 2–5 capitals and digits starting with a capital, perhaps with a plural "s",
            // not the first part of an identifier ("EL-312").
            let bodyEnd = index - wordStart > 1 && bytes[index - 1] == 0x73 ? index - 1 : index
            let length = bodyEnd - wordStart
            guard length >= 2, length < 6, isUpper(bytes[wordStart]),
                  (wordStart..<bodyEnd).allSatisfy({ isUpper(bytes[$0]) || isDigit(bytes[$0]) }) else { continue }
            if index + 1 < end, bytes[index] == 0x2D, isDigit(bytes[index + 1]) { continue }
            ranges.append((wordStart, index))
        }
        return ranges
    }
}
