import PortalWordScan

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
/// document, where it first stands. The words are found by ``WordScan``.
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
            for (index, word, column, line) in WordScan.capitalWordsByLine(of: document.body) where !seen.contains(String(word)) {
                let singular = word.last == "s" ? word.dropLast() : word
                guard glossary.entry(for: singular) == nil, !WordScan.isRomanNumeral(singular) else { continue }
                seen.insert(String(word))
                found.append((document, document.bodyLineOffset + index + 1, column, singular, line))
            }
        }
        return found
    }

    /// Every word of the content written in lower case or capitalized ("clerk", "Clerk"), lowercased;
    /// only those in `among` when it is given.
    static func ordinaryWords(_ site: ContentSite, among: Set<String>? = nil) -> Set<String> {
        var words: Set<String> = []
        for document in site.documents {
            // Once every wanted word has turned up, the rest of the content can add nothing.
            if let among, words.count == among.count { break }
            for text in [document.title, document.summary ?? "", document.body] {
                WordScan.ordinaryWords(in: text, into: &words, among: among)
            }
        }
        return words
    }
}
