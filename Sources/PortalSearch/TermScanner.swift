/// `SearchTokenizer.words(in:)` and `term(for:)` in one pass over UTF-8, for ``SearchTokenizer/forEachTerm(in:_:)``.
///
/// ASCII is lowercased and split byte by byte, and a–z words stemmed; a run of non-ASCII
/// bytes is folded by `SearchTokenizer.foldUnicode` and its scalars split the
/// same way, and a word that holds any non-ASCII scalar goes through
/// `term(for:)`, where characters, not bytes, count. `FoldFastPathTests` and
/// `TermScannerTests` hold this to the `String` reference.
struct TermScanner {
    private let body: (UnsafeBufferPointer<UInt8>) -> Void
    /// The folded word so far; grows when a word outgrows it.
    private var word: UnsafeMutablePointer<UInt8>
    private var capacity = 64
    private var length = 0
    private var wordIsASCII = true
    private let stopWordKeys = SearchTokenizer.stopWordKeys
    private let maximumLength = SearchTokenizer.maximumTermLength

    private init(body: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.body = body
        word = .allocate(capacity: capacity)
    }

    static func scan(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            withoutActuallyEscaping(body) { body in
                var scanner = TermScanner(body: body)
                defer { scanner.word.deallocate() }
                scanner.scan(bytes)
            }
        }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = -1
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 {
                if runStart < 0 { runStart = index }
                continue
            }
            if runStart >= 0 {
                feedFolded(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = -1
            }
            feedASCII(byte &- 0x41 < 26 ? byte | 0x20 : byte)
        }
        if runStart >= 0 { feedFolded(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        endWord()
    }

    /// One byte of folded text.
    @inline(__always)
    private mutating func feedASCII(_ byte: UInt8) {
        if byte &- 0x61 < 26 || byte &- 0x30 < 10 || byte &- 0x41 < 26 {
            append(byte)
        } else if byte != 0x27 {  // an apostrophe joins, anything else splits
            endWord()
        }
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if length == capacity {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: word, count: length)
            word.deallocate()
            word = larger
            capacity *= 2
        }
        word[length] = byte
        length += 1
    }

    /// A run of non-ASCII bytes, folded by Unicode properties, then split like the rest.
    private mutating func feedFolded(_ run: UnsafeBufferPointer<UInt8>) {
        for scalar in SearchTokenizer.foldUnicode(String(decoding: run, as: UTF8.self)).unicodeScalars {
            if scalar.isASCII {
                feedASCII(UInt8(scalar.value))
            } else if scalar == "\u{2019}" {
                continue
            } else if SearchTokenizer.isWordScalarByCategory(scalar) {
                for byte in UTF8.encode(scalar)! { append(byte) }
                wordIsASCII = false
            } else {
                endWord()
            }
        }
    }

    private mutating func endWord() {
        guard length > 0 else { return }
        if wordIsASCII {
            emitASCIITerm(UnsafeBufferPointer(start: word, count: length))
        } else if var term = SearchTokenizer.term(for: String(decoding: UnsafeBufferPointer(start: word, count: length), as: UTF8.self)) {
            term.withUTF8 { body($0) }
        }
        length = 0
        wordIsASCII = true
    }

    /// `term(for:)` for an ASCII word, where characters are bytes.
    private func emitASCIITerm(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        if count > maximumLength { return }
        if count == 1 && bytes[0] &- 0x30 >= 10 { return }
        if count <= 4 {
            var key: UInt32 = 0
            for byte in bytes.reversed() { key = key << 8 | UInt32(byte) }
            if stopWordKeys.contains(key) { return }
        }
        // `SearchTokenizer.stem` on bytes: only words of a–z are stemmed.
        for byte in bytes where byte &- 0x61 >= 26 { return body(bytes) }
        let stem = StemMemo.shared.stem(bytes)
        stem.withUnsafeBufferPointer { body($0) }
    }
}
