/// Finds abbreviation-shaped and ordinary words in text, for the glossary check.
///
/// An abbreviation-shaped word has two to five capitals and digits and starts
/// with a capital ("BSN", "C360"), perhaps with a plural "s" ("KPIs"), and is not
/// the first part of an identifier ("EL-312"); an ordinary word is written in
/// lower case or capitalized ("clerk", "Clerk"). ASCII text is scanned by bytes
/// (``ASCIIWords``), any other by `Character`, with the same answers.
package enum WordScan {
    /// The abbreviation-shaped words of each line of `body`, with the line's index (from 0), the column and the line.
    package static func capitalWordsByLine(of body: String) -> [(line: Int, word: Substring, column: Int, sourceLine: Substring)] {
        if let found = ASCIIWords.capitalWordsByLine(of: body) { return found }
        return body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
            capitalWords(in: line).map { (index, $0.0, $0.1, line) }
        }
    }

    /// The words of `text` written in lower case or capitalized, lowercased, added to `words`; only those in `among`
    /// when it is given.
    package static func ordinaryWords(in text: String, into words: inout Set<String>, among: Set<String>? = nil) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            ASCIIWords.ordinaryWords(in: text, into: &words, among: among)
            return
        }
        // A line break is a grapheme of its own and no letter, so no word spans lines: each ASCII line
        // can take the byte scan.
        for bytes in text.utf8.split(separator: 10) {
            let line = Substring(bytes)
            if bytes.allSatisfy({ $0 < 0x80 }) {
                ASCIIWords.ordinaryWords(in: line, into: &words, among: among)
            } else {
                characterOrdinaryWords(in: String(line), into: &words, among: among)
            }
        }
    }

    /// ``ordinaryWords(in:into:among:)`` for one text of any characters.
    package static func characterOrdinaryWords(in text: String, into words: inout Set<String>, among: Set<String>? = nil) {
        for word in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        where word.dropFirst().allSatisfy(\.isLowercase) && word.contains(where: \.isLowercase) || word.allSatisfy(\.isLowercase) {
            let lowercased = word.lowercased()
            if among?.contains(lowercased) ?? true { words.insert(lowercased) }
        }
    }

    /// The capitalized words of a line with their columns (1-based, in characters).
    package static func capitalWords(in line: Substring) -> [(Substring, Int)] {
        line.utf8.allSatisfy({ $0 < 0x80 }) ? ASCIIWords.capitalWords(in: line) : characterCapitalWords(in: line)
    }

    /// ``capitalWords(in:)`` for a line of any characters.
    package static func characterCapitalWords(in line: Substring) -> [(Substring, Int)] {
        var found: [(Substring, Int)] = []
        var start: Substring.Index?
        var column = 1
        var startColumn = 1
        for index in line.indices + [line.endIndex] {
            let isWordCharacter = index < line.endIndex && (line[index].isLetter || line[index].isNumber)
            if isWordCharacter, start == nil {
                start = index
                startColumn = column
            } else if !isWordCharacter, let first = start {
                let word = line[first..<index]
                if isAbbreviation(word) && !startsIdentifier(line[index...]) { found.append((word, startColumn)) }
                start = nil
            }
            column += 1
        }
        return found
    }

    package static func isAbbreviation(_ word: Substring) -> Bool {
        let body = word.last == "s" ? word.dropLast() : word
        guard body.count >= 2, body.count < 6, let first = body.first, first.isASCII, first.isUppercase else { return false }
        return body.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// Whether the text after a word continues it as an identifier: a hyphen, then a digit.
    package static func startsIdentifier(_ rest: Substring) -> Bool {
        var characters = rest.makeIterator()
        return characters.next() == "-" && characters.next()?.isNumber == true
    }

    package static func isRomanNumeral(_ word: Substring) -> Bool {
        word.allSatisfy { "IVXLCDM".contains($0) }
    }
}
