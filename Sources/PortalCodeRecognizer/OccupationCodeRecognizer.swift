import PortalBytes

/// Finds occupation codes (`NNNN-NNNN`) in running text, with the grade and title written beside them.
///
/// It recognizes the forms the consultations use: a bare `2345-5035`,
/// `Occupation Code: 1910-0030`, `Occupational Code 0340-0016`, the same in
/// parentheses, and `EAS-17 2345-5035`. It refuses look-alikes: digits that
/// belong to a longer number (the `2314-2753` inside ZIP+4 `22314-2753`,
/// `1727-2753-01`, tracking numbers), phone numbers (`(703) 1727-2753`,
/// `1-2345-5035`, `phone 1727-2753`) and ranges (`2019-2020`, street numbers
/// `1727-1729`). Dates such
/// as `2019-12-12` never have the shape. A label ("Occupation Code") always wins.
public enum OccupationCodeRecognizer {
    /// One occupation code found in a text.
    public struct Mention: Sendable, Equatable {
        /// The code, `NNNN-NNNN`.
        public var code: String
        /// Where the code's nine characters stand, as character offsets into the text.
        public var range: Range<Int>
        /// True when a label such as "Occupation Code:" introduces the code.
        public var isLabeled: Bool
        /// The grade written right before or after the code, e.g. `EAS-26` in "EAS-26 (Occupation Code: 1910-0030)".
        public var grade: String?
        /// The position title written before the grade, e.g. "Mgr Customer Care Ops Support" in "Mgr Customer Care Ops Support, EAS-25 (…)".
        public var title: String?

        public init(code: String, range: Range<Int>, isLabeled: Bool = false, grade: String? = nil, title: String? = nil) {
            self.code = code
            self.range = range
            self.isLabeled = isLabeled
            self.grade = grade
            self.title = title
        }
    }

    /// Every code in `text`, in order.
    public static func mentions(in text: String) -> [Mention] {
        mentions(in: text, byBytes: true)
    }

    /// - Parameter byBytes: false takes the `Character` path for any text; the tests compare the two.
    static func mentions(in text: String, byBytes: Bool) -> [Mention] {
        guard mayHoldCode(text) else { return [] }
        // In ASCII text without carriage returns each byte is one Character: the code shapes are found
        // by bytes, and the Characters are made without grapheme breaking, which would otherwise run at every byte.
        let byteCharacters = byBytes ? ASCIIText.characters(of: text) : nil
        let chars = byteCharacters ?? Array(text)
        guard chars.count >= 9 else { return [] }
        let shapes = byteCharacters == nil ? nil : codeShapes(in: Array(text.utf8))
        var nextShape = 0
        var found: [Mention] = []
        var index = 0
        while index + 9 <= chars.count {
            if let shapes {
                while nextShape < shapes.count && shapes[nextShape] < index { nextShape += 1 }
                guard nextShape < shapes.count else { break }
                index = shapes[nextShape]
            } else if !hasCodeShape(chars, at: index) {
                index += 1
                continue
            }
            let labelStart = labelStart(chars, before: index)
            if isBounded(chars, at: index) && (labelStart != nil || !looksLikeOtherNumber(chars, at: index)) {
                var mention = Mention(code: String(chars[index..<(index + 9)]), range: index..<(index + 9), isLabeled: labelStart != nil)
                let before = gradeBefore(chars, end: labelStart ?? index)
                if let before {
                    mention.grade = before.grade
                    mention.title = titleBefore(chars, end: before.start)
                } else {
                    mention.grade = gradeAfter(chars, start: index + 9)
                }
                found.append(mention)
                index += 9
            } else {
                index += 1
            }
        }
        return found
    }

    /// Codes in one table row, taking the grade and title from the row's other cells.
    ///
    /// A column whose header says "grade" gives the grade and one that says
    /// "position", "title" or "name" gives the title; without such headers, a
    /// cell that is exactly a grade is used.
    public static func mentions(inRow cells: [String], header: [String]) -> [Mention] {
        func column(_ words: [String]) -> Int? {
            header.firstIndex { cell in words.contains { cell.lowercased().contains($0) } }
        }
        let gradeColumn = column(["grade"]) ?? cells.firstIndex { isGrade($0.trimmingWhitespace) }
        let titleColumn = column(["position", "title", "name"])
        var found: [Mention] = []
        for (index, cell) in cells.enumerated() where index != gradeColumn && index != titleColumn {
            for var mention in mentions(in: cell) {
                if mention.grade == nil, let gradeColumn, gradeColumn < cells.count {
                    let grade = cells[gradeColumn].trimmingWhitespace
                    if isGrade(grade) { mention.grade = grade }
                }
                if mention.title == nil, let titleColumn, titleColumn < cells.count {
                    let title = cells[titleColumn].trimmingWhitespace
                    if !title.isEmpty { mention.title = title }
                }
                found.append(mention)
            }
        }
        return found
    }

    /// True for a pay grade such as `EAS-17` or `P7-06`.
    public static func isGrade(_ text: String) -> Bool {
        let chars = Array(text)
        return gradeLength(chars, at: 0) == chars.count && !chars.isEmpty
    }

    // MARK: Shape and boundaries

    /// Whether four digits and a hyphen occur at all: most text nodes have none, and this scan allocates nothing.
    ///
    /// Hyphens are rare in text, so they are found with `memchr` and only the four bytes before each are looked at.
    static func mayHoldCode(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var start = 4
            while let hyphen = ByteSearch.firstIndex(of: UInt8(ascii: "-"), in: bytes, from: start) {
                if (1...4).allSatisfy({ bytes[hyphen - $0] >= UInt8(ascii: "0") && bytes[hyphen - $0] <= UInt8(ascii: "9") }) {
                    return true
                }
                start = hyphen + 1
            }
            return false
        }
    }

    /// Where four ASCII digits, a hyphen and four digits start in `bytes`, ascending.
    private static func codeShapes(in bytes: [UInt8]) -> [Int] {
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var starts: [Int] = []
        var index = 4
        while index + 4 < bytes.count {
            if bytes[index] == UInt8(ascii: "-"), (1...4).allSatisfy({ isDigit(bytes[index - $0]) && isDigit(bytes[index + $0]) }) {
                starts.append(index - 4)
            }
            index += 1
        }
        return starts
    }

    private static func isDigit(_ c: Character) -> Bool {
        c.isASCII && c.isNumber
    }

    private static func isAlphanumeric(_ c: Character) -> Bool {
        c.isLetter || c.isNumber
    }

    private static func hasCodeShape(_ chars: [Character], at i: Int) -> Bool {
        chars[i + 4] == "-" && (0..<4).allSatisfy { isDigit(chars[i + $0]) && isDigit(chars[i + 5 + $0]) }
    }

    /// The code stands alone: not glued to letters or digits, nor part of a longer number group.
    private static func isBounded(_ chars: [Character], at i: Int) -> Bool {
        if i > 0 {
            let before = chars[i - 1]
            if isAlphanumeric(before) || Marks.beforeNumber.contains(before) { return false }
            if Marks.numberJoiners.contains(before), i > 1, isDigit(chars[i - 2]) { return false }
        }
        let end = i + 9
        if end < chars.count {
            let after = chars[end]
            if isAlphanumeric(after) || after == "_" { return false }
            if Marks.numberJoiners.contains(after), end + 1 < chars.count, isDigit(chars[end + 1]) { return false }
        }
        return true
    }

    /// Phone numbers and year ranges that happen to have the code's shape.
    private static func looksLikeOtherNumber(_ chars: [Character], at i: Int) -> Bool {
        // The shape check made these ASCII digits.
        func number(_ range: Range<Int>) -> Int { chars[range].reduce(0) { $0 * 10 + Int($1.asciiValue! - UInt8(ascii: "0")) } }
        let first = number(i..<(i + 4))
        let second = number((i + 5)..<(i + 9))
        // Ranges: years "2019-2020", street numbers "1727-1729". No code's second half is just above its first.
        if second > first && ((1900...2099).contains(first) && (1900...2099).contains(second) || second - first <= 50) {
            return true
        }
        // The token before, across one space: an area code "(703)", a short digit group "1" or "703".
        var j = i - 1
        guard j >= 0, chars[j] == " " else { return wordsBefore(chars, i).contains(where: phoneWords.contains) }
        j -= 1
        var token: [Character] = []
        while j >= 0, chars[j] != " " {
            token.insert(chars[j], at: 0)
            j -= 1
        }
        let digits = token.filter { $0 != "(" && $0 != ")" }
        if !digits.isEmpty, digits.count <= 4, digits.allSatisfy(isDigit) { return true }
        return wordsBefore(chars, i).contains(where: phoneWords.contains)
    }

    private static let phoneWords: Set<String> = [
        "phone", "telephone", "tel", "fax", "call", "ext", "extension", "tracking", "zip", "cell", "mobile", "toll",
    ]

    /// Up to three lowercase words right before `i`, nearest last.
    private static func wordsBefore(_ chars: [Character], _ i: Int) -> [String] {
        let start = max(0, i - 30)
        let window = chars[start..<i]
        guard window.allSatisfy(\.isASCII) else {
            let words = String(window).lowercased().split { !$0.isLetter }.map(String.init)
            return Array(words.suffix(3))
        }
        // ASCII: letters are A–Z and a–z, and lowercasing is by byte.
        var words: [String] = []
        var word: [UInt8] = []
        for character in window {
            let byte = character.asciiValue!
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return Array(words.suffix(3))
    }

    // MARK: Label, grade, title

    /// Where "Occupation Code:" or "Occupational Code" starts, when it introduces the code at `i`.
    private static func labelStart(_ chars: [Character], before i: Int) -> Int? {
        var j = i - 1
        func skip(_ set: [Character]) {
            while j >= 0, set.contains(chars[j]) { j -= 1 }
        }
        skip(Marks.spaces)
        skip(Marks.labelEnds)
        skip(Marks.spaces)
        for label in Marks.labels {
            let start = j - label.count + 1
            guard start >= 0 else { continue }
            if lowercased(chars[start...j], equals: label), start == 0 || !isAlphanumeric(chars[start - 1]) {
                return start
            }
        }
        return nil
    }

    /// Whether `text` lowercased is `label`, an ASCII label; by bytes when `text` is ASCII too.
    private static func lowercased(_ text: ArraySlice<Character>, equals label: [UInt8]) -> Bool {
        guard text.count == label.count else { return false }
        guard text.allSatisfy(\.isASCII) else {
            // Lowercasing can make ASCII of other letters (the Kelvin sign): the string comparison decides.
            return String(text).lowercased() == String(decoding: label, as: UTF8.self)
        }
        return zip(text, label).allSatisfy { character, expected in
            let byte = character.asciiValue!
            return (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte) == expected
        }
    }

    /// The characters the recognizer looks for around a code, as arrays: testing a `String` literal
    /// for a character walks and compares its characters one by one, for every candidate.
    private enum Marks {
        static let spaces: [Character] = [" ", "\u{00A0}"]
        static let labelEnds: [Character] = [":", "#", "–", "-"]
        static let labels: [[UInt8]] = ["occupational code", "occupation code", "occ. code", "occ code"].map { Array($0.utf8) }
        static let beforeNumber: [Character] = ["+", "#", "$", "_"]
        static let numberJoiners: [Character] = ["-", ".", "/", ","]
        static let beforeCode: [Character] = [" ", "\u{00A0}", ",", "(", "|", ":", "–", "—"]
        static let aroundGrade: [Character] = [" ", "\u{00A0}", ",", "(", "|", "–", "—"]
        static let titleSeparators: [Character] = [",", "(", "|"]
        static let clauseEnds: [Character] = [":", ";", "|", "\n", "•"]
    }

    /// The length of a grade (`EAS-17`, `P7-06`) starting at `i`, or nil.
    private static func gradeLength(_ chars: [Character], at i: Int) -> Int? {
        var j = i
        guard j < chars.count, chars[j].isASCII, chars[j].isUppercase else { return nil }
        j += 1
        while j < chars.count, j - i < 4, chars[j].isASCII, chars[j].isUppercase || isDigit(chars[j]) { j += 1 }
        guard j + 2 < chars.count, chars[j] == "-", isDigit(chars[j + 1]), isDigit(chars[j + 2]) else { return nil }
        return j + 3 - i
    }

    /// A grade that ends just before `end`, allowing parentheses, commas and spaces between.
    private static func gradeBefore(_ chars: [Character], end: Int) -> (grade: String, start: Int)? {
        var j = end - 1
        while j >= 0, Marks.beforeCode.contains(chars[j]) { j -= 1 }
        if j >= 0, chars[j] == ")" { j -= 1 }
        // A grade is at most 7 characters: walk back to its first letter and check it reads forward.
        for length in 4...7 {
            let start = j - length + 1
            guard start >= 0 else { break }
            if gradeLength(chars, at: start) == length, start == 0 || !(isAlphanumeric(chars[start - 1]) || chars[start - 1] == "-") {
                return (String(chars[start...j]), start)
            }
        }
        return nil
    }

    private static func gradeAfter(_ chars: [Character], start: Int) -> String? {
        var j = start
        while j < chars.count, Marks.aroundGrade.contains(chars[j]) { j += 1 }
        guard let length = gradeLength(chars, at: j) else { return nil }
        let end = j + length
        if end < chars.count, isAlphanumeric(chars[end]) || chars[end] == "-" { return nil }
        return String(chars[j..<end])
    }

    private static let titleConnectors: Set<String> = ["of", "and", "&", "for", "the", "in", "to", "-", "–", "/", "a"]

    /// The title-cased words that end just before a grade: "Mgr Customer Care Ops Support".
    private static func titleBefore(_ chars: [Character], end: Int) -> String? {
        var j = end - 1
        while j >= 0, Marks.aroundGrade.contains(chars[j]) { j -= 1 }
        // "Title, EAS-25" or "TITLE (EAS-17)": without the comma or parenthesis, "See EAS-17 …" would make "See" a title.
        guard j >= 0, chars[(j + 1)..<end].contains(where: { Marks.titleSeparators.contains($0) }) else { return nil }
        var start = j
        // Stop at a clause boundary: ")" only when it closes a leading note such as "(New)".
        while start > 0 {
            let previous = chars[start - 1]
            if Marks.clauseEnds.contains(previous) { break }
            if previous == ")" && !String(chars[start...j]).contains("(") { break }
            if previous == " ", start >= 2, chars[start - 2] == "." { break }
            start -= 1
        }
        let candidate = String(chars[start...j]).trimmingWhitespace
        let words = candidate.split(separator: " ")
        guard (1...10).contains(words.count), let first = words.first?.first, first.isUppercase else { return nil }
        let titleLike = words.allSatisfy { word in
            guard let initial = word.first else { return true }
            return initial.isUppercase || initial.isNumber || initial == "(" || titleConnectors.contains(String(word))
        }
        return titleLike ? candidate : nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
