/// One document's ``SearchDocumentTerms`` as a build cache keeps them: each term as its number in a
/// dictionary that the cache keeps once for every document (``SearchIndex/Builder/dictionary``).
///
/// An incremental build adds most documents to the index from this form
/// (``SearchIndex/Builder/add(_:)-(CachedDocumentTerms)``), so it neither makes a
/// `String` of any term nor hashes one again.
///
/// A format byte, then unsigned LEB128 numbers: the term count and each
/// term's number in the dictionary; the unit count and per unit its three
/// field lengths, its entry count and per entry the term's position in this
/// document's list and its three counts.
public struct CachedDocumentTerms: Sendable, Equatable {
    /// Changes whenever the encoding or the tokenizer's rules change, so older bytes no longer decode.
    public static let format: UInt8 = 2

    public let bytes: [UInt8]
    /// The document itself and its parts.
    public let unitCount: Int

    /// Encodes a document whose terms the builder numbered `numbers`.
    ///
    /// - Parameter encodedUnits: the document's ``SearchDocumentTerms/encodedUnits()``, worked out beforehand
    ///   so that only the numbers are written once the builder has given them.
    public init(numbers: [Int32], encodedUnits: [UInt8], unitCount: Int) {
        var out: [UInt8] = [Self.format]
        out.reserveCapacity(1 + numbers.count * 3 + encodedUnits.count)
        SearchDocumentTerms.append(numbers.count, to: &out)
        for number in numbers { SearchDocumentTerms.append(Int(number), to: &out) }
        out += encodedUnits
        bytes = out
        self.unitCount = unitCount
    }

    /// Checks bytes read back from a cache: nil unless they are exactly what ``init(numbers:encodedUnits:unitCount:)`` writes.
    ///
    /// Beyond the syntax it checks what the index relies on: distinct term
    /// numbers below `dictionarySize`; at least one unit; entries that name one
    /// of the document's terms once per unit and count it at least once; every
    /// term counted somewhere; and field lengths that are the sums of the counts.
    public init?(validating bytes: [UInt8], dictionarySize: Int) {
        guard let (terms, _) = Self.checked(bytes, dictionarySize: dictionarySize, numbering: false) else { return nil }
        self = terms
    }

    /// Checks `bytes` as ``init(validating:dictionarySize:)`` does and, in the same pass, lays their
    /// entries out as ``SearchIndex/Builder/add(_:)-(NumberedDocumentTerms)`` takes them.
    public static func numbered(validating bytes: [UInt8], dictionarySize: Int) -> (CachedDocumentTerms, NumberedDocumentTerms)? {
        guard let (terms, numbered) = checked(bytes, dictionarySize: dictionarySize, numbering: true) else { return nil }
        return (terms, numbered!)
    }

    private init(checkedBytes bytes: [UInt8], unitCount: Int) {
        self.bytes = bytes
        self.unitCount = unitCount
    }

    private static func checked(_ bytes: [UInt8], dictionarySize: Int, numbering: Bool) -> (CachedDocumentTerms, NumberedDocumentTerms?)? {
        var reader = ByteReader(bytes: bytes)
        guard reader.byte() == Self.format, let termCount = reader.number(), termCount <= reader.remaining else { return nil }
        var numbers: [Int32] = []
        numbers.reserveCapacity(termCount)
        var distinct = Set<Int>(minimumCapacity: termCount)
        for _ in 0..<termCount {
            guard let number = reader.number(), number < dictionarySize, distinct.insert(number).inserted else { return nil }
            numbers.append(Int32(number))
        }
        var numbered = numbering ? NumberedDocumentTerms() : nil
        guard let unitCount = SearchDocumentTerms.validUnits(&reader, numbers: numbers, into: &numbered), reader.remaining == 0 else {
            return nil
        }
        return (CachedDocumentTerms(checkedBytes: bytes, unitCount: unitCount), numbered)
    }

    /// The terms these bytes stand for, given the dictionary they were numbered in.
    public func decoded(dictionary: [String]) -> SearchDocumentTerms {
        var reader = ByteReader(bytes: bytes, position: 1)
        let terms = (0..<reader.number()!).map { _ in dictionary[reader.number()!] }
        let units = (0..<reader.number()!).map { _ in
            let lengths = reader.fieldCounts()!
            let entries = (0..<reader.number()!).map { _ in
                SearchDocumentTerms.TermCounts(term: Int32(reader.number()!), counts: reader.fieldCounts()!)
            }
            return SearchDocumentTerms.Unit(lengths: lengths, terms: entries)
        }
        return SearchDocumentTerms(terms: terms, units: units)
    }

    /// The same document with every term number `n` changed to `numbers[n]`, for a dictionary that dropped unused terms.
    public func renumbered(_ numbers: [Int32]) -> CachedDocumentTerms {
        var reader = ByteReader(bytes: bytes, position: 1)
        var own: [Int32] = []
        for _ in 0..<reader.number()! {
            own.append(numbers[reader.number()!])
        }
        precondition(own.allSatisfy { $0 >= 0 }, "a document's term was dropped from the dictionary")
        return CachedDocumentTerms(numbers: own, encodedUnits: Array(bytes[reader.position...]), unitCount: unitCount)
    }
}

extension SearchDocumentTerms {
    /// The units alone: the end of ``CachedDocumentTerms``, whose beginning is the terms' numbers.
    public func encodedUnits() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(units.reduce(1) { $0 + 4 + $1.terms.count * 5 })
        Self.append(units.count, to: &out)
        for unit in units {
            Self.append(unit.lengths, to: &out)
            Self.append(unit.terms.count, to: &out)
            for entry in unit.terms {
                Self.append(Int(entry.term), to: &out)
                Self.append(entry.counts, to: &out)
            }
        }
        return out
    }

    /// Reads ``encodedUnits()`` of a document whose terms are `numbers`, adding each unit to `numbered` when given;
    /// the unit count, or nil when they are not canonical.
    static func validUnits(_ reader: inout ByteReader, numbers: [Int32], into numbered: inout NumberedDocumentTerms?) -> Int? {
        let termCount = numbers.count
        guard let unitCount = reader.number(), unitCount > 0, unitCount <= reader.remaining else { return nil }
        var lastUnit = [Int](repeating: -1, count: termCount)
        for number in 0..<unitCount {
            guard let lengths = reader.fieldCounts(), let entryCount = reader.number(), entryCount <= reader.remaining else { return nil }
            var sums = FieldCounts()
            for _ in 0..<entryCount {
                guard let term = reader.number(), term < termCount, lastUnit[term] != number,
                    let counts = reader.fieldCounts(), counts != FieldCounts()
                else { return nil }
                lastUnit[term] = number
                for field in SearchRanking.Field.allCases {
                    let (sum, overflow) = sums[field].addingReportingOverflow(counts[field])
                    guard !overflow else { return nil }
                    sums[field] = sum
                }
                numbered?.addEntry(term: numbers[term], counts: counts)
            }
            guard sums == lengths else { return nil }
            numbered?.endUnit(lengths)
        }
        // A term no unit counts would stay in the dictionary with no list.
        guard !lastUnit.contains(-1) else { return nil }
        return unitCount
    }

    static func append(_ counts: FieldCounts, to out: inout [UInt8]) {
        append(Int(counts.title), to: &out)
        append(Int(counts.code), to: &out)
        append(Int(counts.body), to: &out)
    }

    static func append(_ value: Int, to out: inout [UInt8]) {
        var value = UInt(value)
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }
}

/// Reads what the encodings write, answering nil instead of reading past the end or overflowing.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// A LEB128 number no larger than `Int32.max`, in its shortest form.
    mutating func number() -> Int? {
        var value = 0
        var shift = 0
        while let byte = byte() {
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                // A trailing zero byte would make two encodings of one value.
                guard value <= Int(Int32.max), byte != 0 || shift == 0 else { return nil }
                return value
            }
            shift += 7
            if shift > 28 { return nil }
        }
        return nil
    }

    mutating func fieldCounts() -> SearchDocumentTerms.FieldCounts? {
        guard let title = number(), let code = number(), let body = number() else { return nil }
        return SearchDocumentTerms.FieldCounts(title: Int32(title), code: Int32(code), body: Int32(body))
    }
}
