import Foundation

/// Turns text into index terms; `Theme/assets/search.js` repeats these rules exactly.
///
/// Case and diacritics are folded, apostrophes dropped ("carrier's" is one
/// word), everything else that is not a letter or digit separates words, and
/// words of the letters a–z are reduced to their English stem (Porter2), so
/// "restructuring" finds "restructure" and "hours" finds "hour".
/// Stop words and lone letters are not indexed; lone digits are ("Article 8").
/// Changing a rule must also bump ``BuilderSnapshot/format``, or a build
/// cache would reuse terms made by the old rules.
public enum SearchTokenizer {
    /// Words too common to rank by; the browser drops the same ones from queries.
    public static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it",
        "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with",
    ]

    /// Longer runs are not words (tracking numbers, hashes) and would only bloat the index.
    public static let maximumTermLength = 32

    /// The index terms of `text`, in order, repeats kept.
    public static func terms(in text: String) -> [String] {
        var terms: [String] = []
        forEachTerm(in: text) { terms.append(String(decoding: $0, as: UTF8.self)) }
        return terms
    }

    /// `terms(in:)` by way of `words(in:)` and `term(for:)`; the reference `forEachTerm` must match.
    static func termsByReference(in text: String) -> [String] {
        words(in: text).compactMap(term(for:))
    }

    /// Calls `body` with the UTF-8 bytes of each index term of `text`, in order, repeats kept.
    ///
    /// The bytes are only valid during the call. This is `terms(in:)` without a
    /// `String` per word: ASCII is folded, split and stemmed byte by byte, and
    /// only non-ASCII runs and words that contain them take the Unicode path.
    public static func forEachTerm(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        TermScanner.scan(text, body)
    }

    /// Stop words as `TermScanner` compares them: up to four ASCII bytes, the first in the low byte.
    static let stopWordKeys: [UInt32] = stopWords.map { word in
        precondition(word.utf8.count <= 4 && word.utf8.allSatisfy { $0 < 0x80 }, "TermScanner packs stop words into four bytes")
        return word.utf8.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }.sorted()

    /// The term for one folded word, or nil when the word is not indexed.
    public static func term(for word: String) -> String? {
        if word.count > maximumTermLength || stopWords.contains(word) { return nil }
        if word.count == 1, let scalar = word.unicodeScalars.first, !isDigit(scalar) { return nil }
        return stem(word)
    }

    /// The folded words of `text`: lowercased, without diacritics, split at non-alphanumerics.
    public static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in fold(text).unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Lowercases, then decomposes and drops combining marks, as `normalize('NFD')` does in JS.
    ///
    /// ASCII bytes are lowercased directly; only the runs between them take
    /// the Unicode path (`foldUnicode`). Splitting there changes nothing:
    /// lowercasing maps scalar by scalar, and ASCII characters are starters,
    /// so decomposition never reorders marks across them.
    public static func fold(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var runStart: Int?
        for (index, byte) in bytes.enumerated() {
            if byte >= 0x80 {
                if runStart == nil { runStart = index }
                continue
            }
            if let start = runStart {
                out.append(contentsOf: foldUnicode(String(decoding: bytes[start..<index], as: UTF8.self)).utf8)
                runStart = nil
            }
            out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        if let start = runStart {
            out.append(contentsOf: foldUnicode(String(decoding: bytes[start...], as: UTF8.self)).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `fold` by Unicode properties alone; the reference the ASCII fast path must match.
    static func foldUnicode(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out)
    }

    /// The word's English stem (``EnglishStemmer``, Snowball's Porter2) when it is all a–z; other words are returned unchanged.
    ///
    /// "restructuring" and "restructure" share `restructur`, "coordinating"
    /// and "coordinator" share `coordin`, "hours" finds "hour". Words with
    /// digits or letters beyond a–z ("c360", "œuvre") are kept whole.
    public static func stem(_ word: String) -> String {
        EnglishStemmer.stem(word)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // Category lookups are the hot spot of indexing; ASCII needs none.
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value)
        }
        return isWordScalarByCategory(scalar)
    }

    /// `isWordScalar` by general category alone; the reference for the ASCII shortcut.
    static func isWordScalarByCategory(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x30...0x39).contains(scalar.value) : scalar.properties.generalCategory == .decimalNumber
    }
}
