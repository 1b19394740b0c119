/// The Snowball English ("Porter2") stemmer, for words of the letters a–z; `Theme/assets/search.js` repeats it.
///
/// Our own code because no allowed package provides an English stemmer. It
/// follows the current Snowball `english.sbl` step by step (exceptions, the
/// `gener`/`commun`/… region prefixes, steps 1a–5) and is held to the
/// Snowball project's own output by `EnglishStemmerTests`. Words with other
/// characters (digits, non-Latin letters) are not stemmed. A stem never has
/// more bytes than its word.
public enum EnglishStemmer {
    /// The stem of `word`, or `word` itself when it is not all a–z.
    public static func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.allSatisfy({ $0 &- 0x61 < 26 }) else { return word }
        return String(decoding: stem(bytes), as: UTF8.self)
    }

    /// The stem of a word of the ASCII letters a–z.
    public static func stem(_ word: [UInt8]) -> [UInt8] {
        if let exception = exceptions[word] { return exception }
        guard word.count >= 3 else { return word }
        var stemmer = Run(word)
        stemmer.step1a()
        stemmer.step1b()
        stemmer.step1c()
        stemmer.step2()
        stemmer.step3()
        stemmer.step4()
        stemmer.step5()
        return stemmer.finished()
    }

    /// Whole words with a fixed stem; a word mapped to itself is left as it is.
    static let exceptions: [[UInt8]: [UInt8]] = {
        let pairs: [(String, String)] = [
            ("skis", "ski"), ("skies", "sky"), ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"),
            ("early", "earli"), ("only", "onli"), ("singly", "singl"),
            ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"),
            ("bias", "bias"), ("andes", "andes"),
        ]
        var table: [[UInt8]: [UInt8]] = [:]
        for (word, stem) in pairs { table[Array(word.utf8)] = Array(stem.utf8) }
        return table
    }()

    /// One word being stemmed: its bytes (a `Y` marks a consonant y) and its regions R1 and R2.
    struct Run {
        var w: [UInt8]
        let p1: Int
        let p2: Int

        init(_ word: [UInt8]) {
            var w = word
            if w[0] == Run.y { w[0] = Run.Y }
            for i in 1..<w.count where w[i] == Run.y && Run.isVowel(w[i - 1]) { w[i] = Run.Y }
            self.w = w
            if let prefix = Run.regionPrefixes.first(where: { w.starts(with: $0) }) {
                p1 = prefix.count
            } else {
                p1 = Run.regionStart(w, from: 0)
            }
            p2 = Run.regionStart(w, from: p1)
        }

        /// Prefixes after which R1 starts, whatever their vowels say.
        static let regionPrefixes: [[UInt8]] = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"]
            .map { Array($0.utf8) }

        /// Just after the first non-vowel that follows a vowel, at or after `from`; the end when there is none.
        static func regionStart(_ w: [UInt8], from: Int) -> Int {
            var i = from
            while i < w.count && !isVowel(w[i]) { i += 1 }
            while i < w.count && isVowel(w[i]) { i += 1 }
            return min(i + 1, w.count)
        }

        static func isVowel(_ c: UInt8) -> Bool {
            c == a || c == e || c == i_ || c == o || c == u || c == y
        }

        func endsWith(_ suffix: [UInt8]) -> Bool {
            suffix.count <= w.count && w[(w.count - suffix.count)...].elementsEqual(suffix)
        }

        /// The longest of `suffixes` the word ends with.
        func longest(_ suffixes: [[UInt8]]) -> [UInt8]? {
            var best: [UInt8]?
            for suffix in suffixes where endsWith(suffix) && suffix.count > (best?.count ?? -1) { best = suffix }
            return best
        }

        mutating func replace(_ count: Int, with text: String) {
            w.removeLast(count)
            w += text.utf8
        }

        func hasVowel(before end: Int) -> Bool {
            w[..<max(0, end)].contains(where: Run.isVowel)
        }

        /// A short syllable ends the first `end` bytes: non-vowel, vowel, non-vowel other than w, x, Y;
        /// or a vowel then a non-vowel at the start of the word; or the word part ends in "past".
        func endsInShortSyllable(_ end: Int) -> Bool {
            if end >= 3, !Run.isVowel(w[end - 1]), w[end - 1] != Run.w_, w[end - 1] != Run.x, w[end - 1] != Run.Y,
               Run.isVowel(w[end - 2]), !Run.isVowel(w[end - 3]) {
                return true
            }
            if end == 2, Run.isVowel(w[0]), !Run.isVowel(w[1]) { return true }
            return end >= 4 && w[(end - 4)..<end].elementsEqual("past".utf8)
        }

        mutating func step1a() {
            guard let suffix = longest(Run.step1aSuffixes) else { return }
            let start = w.count - suffix.count
            switch suffix {
            case Array("sses".utf8): replace(4, with: "ss")
            case Array("ied".utf8), Array("ies".utf8): replace(3, with: start >= 2 ? "i" : "ie")
            case Array("s".utf8): if start >= 2 && hasVowel(before: start - 1) { w.removeLast() }
            default: break  // "ss" and "us" stay
            }
        }

        static let step1aSuffixes: [[UInt8]] = ["sses", "ied", "ies", "s", "ss", "us"].map { Array($0.utf8) }
        static let step1bSuffixes: [[UInt8]] = ["eed", "eedly", "ed", "edly", "ing", "ingly"].map { Array($0.utf8) }
        /// Word parts before "eed" that keep it: "proceed", "exceed", "succeed".
        static let keepEed: [[UInt8]] = ["succ", "proc", "exc"].map { Array($0.utf8) }
        /// Whole word parts before "ing" that keep it: "inning", "evening", "outing"…
        static let keepIng: [[UInt8]] = ["even", "cann", "inn", "earr", "herr", "out"].map { Array($0.utf8) }

        /// Removes -ed, -ing and their -ly forms, then mends the end ("hop" → "hope", "hopp" → "hop").
        mutating func step1b() {
            guard let suffix = longest(Run.step1bSuffixes) else { return }
            let start = w.count - suffix.count
            if suffix == Array("eed".utf8) || suffix == Array("eedly".utf8) {
                if start >= p1 && !Run.keepEed.contains(where: { $0.elementsEqual(w[..<start]) }) {
                    replace(suffix.count, with: "ee")
                }
                return
            }
            if suffix == Array("ing".utf8) {
                let before = w[..<start]
                if Run.keepIng.contains(where: { $0.elementsEqual(before) }) { return }
                // "dying", "lying", "tying": a consonant, y, ing → ie.
                if start == 2, w[1] == Run.y || w[1] == Run.Y, !Run.isVowel(w[0]) {
                    w.removeLast(suffix.count + 1)
                    w += "ie".utf8
                    return
                }
            }
            guard hasVowel(before: start) else { return }
            w.removeLast(suffix.count)
            afterRemovingSuffix()
        }

        private mutating func afterRemovingSuffix() {
            if endsWith(Array("at".utf8)) || endsWith(Array("bl".utf8)) || endsWith(Array("iz".utf8)) {
                w.append(Run.e)
                return
            }
            let n = w.count
            if n >= 2, w[n - 1] == w[n - 2], Run.doubles.contains(w[n - 1]) {
                // "add", "egg", "off" keep their double.
                if n == 3, w[0] == Run.a || w[0] == Run.e || w[0] == Run.o { return }
                w.removeLast()
                return
            }
            if p1 == n && endsInShortSyllable(n) { w.append(Run.e) }
        }

        static let doubles: Set<UInt8> = Set("bdfgmnprt".utf8)

        mutating func step1c() {
            let n = w.count
            guard n >= 3, w[n - 1] == Run.y || w[n - 1] == Run.Y, !Run.isVowel(w[n - 2]) else { return }
            w[n - 1] = Run.i_
        }

        static let step2Rules: [(String, String)] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
            ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
            ("ogist", "og"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
        ]
        static let step2Suffixes = step2Rules.map { Array($0.0.utf8) }
        static let validLi: Set<UInt8> = Set("cdeghkmnrt".utf8)

        mutating func step2() {
            guard let suffix = longest(Run.step2Suffixes) else { return }
            let start = w.count - suffix.count
            guard start >= p1 else { return }
            let replacement = Run.step2Rules.first { Array($0.0.utf8) == suffix }!.1
            switch suffix {
            case Array("ogi".utf8): if start >= 1 && w[start - 1] == Run.l { replace(3, with: "og") }
            case Array("li".utf8): if start >= 1 && Run.validLi.contains(w[start - 1]) { w.removeLast(2) }
            default: replace(suffix.count, with: replacement)
            }
        }

        static let step3Rules: [(String, String)] = [
            ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
            ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
        ]
        static let step3Suffixes = step3Rules.map { Array($0.0.utf8) }

        mutating func step3() {
            guard let suffix = longest(Run.step3Suffixes) else { return }
            let start = w.count - suffix.count
            guard start >= p1 else { return }
            if suffix == Array("ative".utf8) {
                if start >= p2 { w.removeLast(5) }
                return
            }
            replace(suffix.count, with: Run.step3Rules.first { Array($0.0.utf8) == suffix }!.1)
        }

        static let step4Suffixes: [[UInt8]] = [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
            "iti", "ous", "ive", "ize", "ion",
        ].map { Array($0.utf8) }

        mutating func step4() {
            guard let suffix = longest(Run.step4Suffixes) else { return }
            let start = w.count - suffix.count
            guard start >= p2 else { return }
            if suffix == Array("ion".utf8) {
                if start >= 1 && (w[start - 1] == Run.s || w[start - 1] == Run.t) { w.removeLast(3) }
                return
            }
            w.removeLast(suffix.count)
        }

        mutating func step5() {
            let n = w.count
            guard n >= 1 else { return }
            let start = n - 1
            if w[start] == Run.e {
                if start >= p2 || (start >= p1 && !endsInShortSyllable(start)) { w.removeLast() }
            } else if w[start] == Run.l {
                if start >= p2 && start >= 1 && w[start - 1] == Run.l { w.removeLast() }
            }
        }

        func finished() -> [UInt8] {
            w.map { $0 == Run.Y ? Run.y : $0 }
        }

        static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i_ = UInt8(ascii: "i"), o = UInt8(ascii: "o")
        static let u = UInt8(ascii: "u"), y = UInt8(ascii: "y"), Y = UInt8(ascii: "Y"), l = UInt8(ascii: "l")
        static let s = UInt8(ascii: "s"), t = UInt8(ascii: "t"), w_ = UInt8(ascii: "w"), x = UInt8(ascii: "x")
    }
}
