/// A word-level diff of two texts: a shortest edit script of their words (``MyersDiff``).
///
/// Texts are cut into words and punctuation marks, so that "services," and
/// "services" differ only by the comma. Hard line breaks (`\n`) are tokens of
/// their own. Short runs of equal words caught between two changes ("the",
/// ",") are folded into the change, so a rewritten clause reads as one
/// deletion and one insertion instead of confetti.
public enum WordDiff {
    /// A word, a punctuation mark or a line break (`"\n"`).
    public struct Token: Sendable, Hashable {
        public var text: String
        /// Whether a space stood before the token in the source text.
        public var spaceBefore: Bool

        public init(_ text: String, spaceBefore: Bool) {
            self.text = text
            self.spaceBefore = spaceBefore
        }

        public static func == (lhs: Token, rhs: Token) -> Bool { lhs.text == rhs.text }
        public func hash(into hasher: inout Hasher) { hasher.combine(text) }
    }

    /// A stretch of the diff: words both texts share, or words the old text lost and the new one gained there.
    public enum Segment: Sendable, Equatable {
        case equal([Token])
        case change(deleted: [Token], inserted: [Token])
    }

    /// Marks cut off from the start and end of a word, so punctuation changes stay small.
    static let punctuation: Set<Character> = ["(", ")", "[", "]", ",", ";", ":", ".", "!", "?", "\"", "“", "”", "‘", "’", "'", "*"]

    /// The words, punctuation and line breaks of `text`.
    public static func tokens(_ text: String) -> [Token] {
        var text = text
        if let tokens = text.withUTF8({ asciiTokens($0) }) { return tokens }
        return characterTokens(text)
    }

    /// ``tokens(_:)`` for text that is all ASCII without carriage returns, or nil for any other text.
    ///
    /// Redlines tokenize every position description twice, and walking
    /// `Character`s means grapheme breaking and Unicode whitespace lookups at
    /// every byte. In such text every byte is one `Character`, so a byte scan gives
    /// the same tokens.
    static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token]? {
        var tokens: [Token] = []
        var pendingSpace = false
        var start = 0
        func isPunctuation(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","),
                UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"),
                UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "*"):
                true
            default: false
            }
        }
        func piece(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) }
        func flush(_ end: Int) {
            guard start < end else { return }
            var coreStart = start, coreEnd = end
            while coreStart < coreEnd, isPunctuation(bytes[coreStart]) { coreStart += 1 }
            while coreEnd > coreStart, isPunctuation(bytes[coreEnd - 1]) { coreEnd -= 1 }
            var first = true
            func append(_ text: String) {
                tokens.append(Token(text, spaceBefore: first && pendingSpace))
                first = false
            }
            for index in start..<coreStart { append(piece(index, index + 1)) }
            if coreStart < coreEnd { append(piece(coreStart, coreEnd)) }
            for index in coreEnd..<end { append(piece(index, index + 1)) }
            pendingSpace = false
        }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x80...0xFF, UInt8(ascii: "\r"):
                return nil
            case UInt8(ascii: "\n"):
                flush(index)
                tokens.append(Token("\n", spaceBefore: false))
                pendingSpace = false
                start = index + 1
            case 0x09, 0x0B, 0x0C, 0x20:
                flush(index)
                pendingSpace = !tokens.isEmpty
                start = index + 1
            default:
                continue
            }
        }
        flush(bytes.count)
        return tokens
    }

    /// ``tokens(_:)`` by `Character`, for any text.
    static func characterTokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var pendingSpace = false
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            var core = Substring(word)
            var leading: [Character] = []
            var trailing: [Character] = []
            while let first = core.first, punctuation.contains(first) {
                leading.append(first)
                core = core.dropFirst()
            }
            while let last = core.last, punctuation.contains(last) {
                trailing.insert(last, at: 0)
                core = core.dropLast()
            }
            let pieces = leading.map(String.init) + (core.isEmpty ? [] : [String(core)]) + trailing.map(String.init)
            for (index, piece) in pieces.enumerated() {
                tokens.append(Token(piece, spaceBefore: index == 0 && pendingSpace))
            }
            word = ""
            pendingSpace = false
        }
        for character in text {
            if character == "\n" {
                flush()
                tokens.append(Token("\n", spaceBefore: false))
                pendingSpace = false
            } else if character.isWhitespace {
                flush()
                pendingSpace = !tokens.isEmpty
            } else {
                word.append(character)
            }
        }
        flush()
        return tokens
    }

    /// The diff from `old` to `new`, as segments in reading order.
    public static func segments(from old: String, to new: String) -> [Segment] {
        let old = tokens(old), new = tokens(new)
        var vocabulary = Vocabulary()
        return cleanUp(segments(from: old, to: new, oldIDs: vocabulary.ids(old), newIDs: vocabulary.ids(new)))
    }

    /// Numbers for token texts, the same number for the same text: diffs compare numbers, not strings.
    struct Vocabulary {
        private var numbers: [String: Int]

        /// - Parameter capacity: about how many different texts to expect, so the table grows less often.
        init(capacity: Int = 0) {
            numbers = Dictionary(minimumCapacity: capacity)
        }

        mutating func ids(_ tokens: [Token]) -> [Int] {
            tokens.map { token in
                if let id = numbers[token.text] { return id }
                numbers[token.text] = numbers.count
                return numbers.count - 1
            }
        }
    }

    /// The raw Myers diff of two token lists, before short equalities are folded in.
    ///
    /// `oldIDs` and `newIDs` number the tokens' texts from one ``Vocabulary``.
    static func segments(from old: [Token], to new: [Token], oldIDs: [Int], newIDs: [Int]) -> [Segment] {
        let changes = MyersDiff.changes(from: oldIDs, to: newIDs)
        let removed = Set(changes.removals), inserted = Set(changes.insertions)
        var segments: [Segment] = []
        var deletedRun: [Token] = [], insertedRun: [Token] = [], equalRun: [Token] = []
        func flushChange() {
            if !deletedRun.isEmpty || !insertedRun.isEmpty {
                segments.append(.change(deleted: deletedRun, inserted: insertedRun))
            }
            deletedRun = []
            insertedRun = []
        }
        func flushEqual() {
            if !equalRun.isEmpty { segments.append(.equal(equalRun)) }
            equalRun = []
        }
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count && removed.contains(i) {
                flushEqual()
                deletedRun.append(old[i])
                i += 1
            } else if j < new.count && inserted.contains(j) {
                flushEqual()
                insertedRun.append(new[j])
                j += 1
            } else {
                flushChange()
                // Keep the new text's spacing, which is what the reader sees last.
                equalRun.append(new[j])
                i += 1
                j += 1
            }
        }
        flushChange()
        flushEqual()
        return segments
    }

    /// Folds an equality of at most two tokens that stands between two changes, each longer than it, into one change.
    static func cleanUp(_ input: [Segment]) -> [Segment] {
        var segments = input
        var changed = true
        while changed {
            changed = false
            var index = 1
            while index + 1 < segments.count {
                guard case .equal(let equal) = segments[index],
                    case .change(let deletedBefore, let insertedBefore) = segments[index - 1],
                    case .change(let deletedAfter, let insertedAfter) = segments[index + 1],
                    equal.count <= 2, !equal.contains(where: { $0.text == "\n" }),
                    max(deletedBefore.count, insertedBefore.count) > equal.count,
                    max(deletedAfter.count, insertedAfter.count) > equal.count
                else {
                    index += 1
                    continue
                }
                segments.replaceSubrange((index - 1)...(index + 1), with: [
                    .change(deleted: deletedBefore + equal + deletedAfter, inserted: insertedBefore + equal + insertedAfter)
                ])
                changed = true
            }
        }
        return segments
    }

    /// How alike two texts are, from 0 (nothing shared) to 1 (the same words): twice the shared words over all words.
    public static func similarity(_ old: String, _ new: String) -> Double {
        var vocabulary = Vocabulary()
        return similarity(vocabulary.ids(tokens(old)), vocabulary.ids(tokens(new)))
    }

    /// ``similarity(_:_:)-(String,String)`` of two texts as token numbers from one ``Vocabulary``.
    static func similarity(_ old: [Int], _ new: [Int]) -> Double {
        let total = old.count + new.count
        guard total > 0 else { return 1 }
        // Each edit removes or inserts one word, and every word not shared takes one.
        let shared = (total - MyersDiff.distance(from: old, to: new)) / 2
        return Double(2 * shared) / Double(total)
    }

    /// A unit's token numbers sorted, for ``similarityBound(_:_:)``: the multiset of its words.
    static func bag(_ ids: [Int]) -> [Int] {
        ids.sorted()
    }

    /// An upper bound of ``similarity(_:_:)`` from word counts alone, far cheaper than a diff: twice the
    /// words the two bags share (each as often as the rarer side has it) over all words.
    ///
    /// The bags are sorted, so the shared words are counted in one merge, without hashing.
    static func similarityBound(_ old: [Int], _ new: [Int]) -> Double {
        let total = old.count + new.count
        guard total > 0 else { return 1 }
        var shared = 0, i = 0, j = 0
        while i < old.count && j < new.count {
            if old[i] == new[j] {
                shared += 1
                i += 1
                j += 1
            } else if old[i] < new[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(2 * shared) / Double(total)
    }

    /// The text a token list spells, spaces restored.
    public static func text(_ tokens: [Token]) -> String {
        var out = ""
        for token in tokens {
            if token.spaceBefore && !out.isEmpty && out.last != "\n" { out += " " }
            out += token.text
        }
        return out
    }
}
