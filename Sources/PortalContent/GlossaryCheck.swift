/// Checks `Content/data/glossary.yaml` and, once a site has one, warns about capitalized abbreviations it does not explain.
///
/// An abbreviation is a word of two or more capitals and digits that starts
/// with a capital ("BSN", "C360"), perhaps with a plural "s" ("KPIs"). A word
/// the content also writes in lower case or capitalized ("CUSTOMER" in a
/// heading set in capitals beside "Customer", "IT" beside "it") is an
/// ordinary word and passes, and so do Roman numerals and words of six
/// letters or more ("ANALYST", "COMPLIANCE"), which are words set in
/// capitals far more often than abbreviations, and the first part of an
/// identifier such as a grade or handbook number ("P7-06", "EL-312"). Each unexplained abbreviation is reported once per
/// document, where it first stands.
enum GlossaryCheck {
    static func check(_ site: ContentSite) -> [Diagnostic] {
        guard site.dataFiles[Glossary.fileName] != nil else { return [] }
        let (glossary, problems) = Glossary.load(from: site)
        let candidates = unexplainedCapitalWords(site, glossary: glossary)
        // Most sites explain every abbreviation, and then no ordinary word needs collecting at all.
        guard !candidates.isEmpty else { return problems }
        let ordinaryWords = Self.ordinaryWords(site, among: Set(candidates.map { $0.singular.lowercased() }))
        let warnings = candidates.filter { !ordinaryWords.contains($0.singular.lowercased()) }.map { candidate in
            Diagnostic(
                .warning, path: candidate.document.displayPath, line: candidate.line, column: candidate.column,
                message: "the abbreviation '\(candidate.singular)' has no entry in \(Glossary.displayPath); add one with its expansion and a short definition",
                sourceLine: String(candidate.sourceLine))
        }
        return problems + warnings
    }

    /// Each document's abbreviation-shaped words that the glossary does not explain and that are no Roman numerals,
    /// each word where it first stands in its document, in reading order.
    private static func unexplainedCapitalWords(_ site: ContentSite, glossary: Glossary)
        -> [(document: ContentDocument, line: Int, column: Int, singular: Substring, sourceLine: Substring)] {
        var found: [(document: ContentDocument, line: Int, column: Int, singular: Substring, sourceLine: Substring)] = []
        for document in site.documents {
            var seen: Set<String> = []
            for (index, word, column, line) in capitalWordsByLine(of: document.body) where !seen.contains(String(word)) {
                let singular = word.last == "s" ? word.dropLast() : word
                guard glossary.entry(for: singular) == nil, !Self.isRomanNumeral(singular) else { continue }
                seen.insert(String(word))
                found.append((document, document.bodyLineOffset + index + 1, column, singular, line))
            }
        }
        return found
    }

    /// The abbreviation-shaped words of each line of `body`, with the line's index (from 0), the column and the line.
    static func capitalWordsByLine(of body: String) -> [(line: Int, word: Substring, column: Int, sourceLine: Substring)] {
        if let found = ASCIIWords.capitalWordsByLine(of: body) { return found }
        return body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
            capitalWords(in: line).map { (index, $0.0, $0.1, line) }
        }
    }

    /// Every word of the content written in lower case or capitalized ("clerk", "Clerk"), lowercased;
    /// only those in `among` when it is given.
    static func ordinaryWords(_ site: ContentSite, among: Set<String>? = nil) -> Set<String> {
        var words: Set<String> = []
        for document in site.documents {
            // Once every wanted word has turned up, the rest of the content can add nothing.
            if let among, words.count == among.count { break }
            for text in [document.title, document.summary ?? "", document.body] {
                if text.utf8.allSatisfy({ $0 < 0x80 }) {
                    ASCIIWords.ordinaryWords(in: text, into: &words, among: among)
                    continue
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
        }
        return words
    }

    /// ``ordinaryWords(_:)`` for one text of any characters.
    static func characterOrdinaryWords(in text: String, into words: inout Set<String>, among: Set<String>? = nil) {
        for word in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        where word.dropFirst().allSatisfy(\.isLowercase) && word.contains(where: \.isLowercase) || word.allSatisfy(\.isLowercase) {
            let lowercased = word.lowercased()
            if among?.contains(lowercased) ?? true { words.insert(lowercased) }
        }
    }

    /// The capitalized words of a line with their columns (1-based, in characters).
    static func capitalWords(in line: Substring) -> [(Substring, Int)] {
        line.utf8.allSatisfy({ $0 < 0x80 }) ? ASCIIWords.capitalWords(in: line) : characterCapitalWords(in: line)
    }

    /// ``capitalWords(in:)`` for a line of any characters.
    static func characterCapitalWords(in line: Substring) -> [(Substring, Int)] {
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

    static func isAbbreviation(_ word: Substring) -> Bool {
        let body = word.last == "s" ? word.dropLast() : word
        guard body.count >= 2, body.count < 6, let first = body.first, first.isASCII, first.isUppercase else { return false }
        return body.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// Whether the text after a word continues it as an identifier: a hyphen, then a digit.
    static func startsIdentifier(_ rest: Substring) -> Bool {
        var characters = rest.makeIterator()
        return characters.next() == "-" && characters.next()?.isNumber == true
    }

    static func isRomanNumeral(_ word: Substring) -> Bool {
        word.allSatisfy { "IVXLCDM".contains($0) }
    }
}
