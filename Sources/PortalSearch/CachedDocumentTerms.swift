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
        guard let (terms, _) = Self.numbered(validating: bytes, dictionarySize: dictionarySize) else { return nil }
        self = terms
    }

    /// Checks `bytes` as ``init(validating:dictionarySize:)`` does and, in the same pass, lays their
    /// entries out as ``SearchIndex/Builder/add(_:)-(NumberedDocumentTerms)`` takes them.
    public static func numbered(validating bytes: [UInt8], dictionarySize: Int) -> (CachedDocumentTerms, NumberedDocumentTerms)? {
        // Read through a raw pointer: this runs over every entry of every unchanged document in a rebuild.
        let result = bytes.withUnsafeBufferPointer { buffer -> (Int, NumberedDocumentTerms)? in
            var reader = ByteReader(buffer)
            guard reader.byte() == Self.format, let termCount = reader.number(), termCount <= reader.remaining else { return nil }
            var numbers: [Int32] = []
            numbers.reserveCapacity(termCount)
            var distinct = DistinctNumbers(capacity: termCount)
            for _ in 0..<termCount {
                guard let number = reader.number(), number < dictionarySize, distinct.insert(Int32(number)) else { return nil }
                numbers.append(Int32(number))
            }
            guard let numbered = SearchDocumentTerms.numberedUnits(&reader, numbers: numbers), reader.remaining == 0 else {
                return nil
            }
            return (numbered.unitCount, numbered)
        }
        guard let (unitCount, numbered) = result else { return nil }
        return (CachedDocumentTerms(checkedBytes: bytes, unitCount: unitCount), numbered)
    }

    private init(checkedBytes bytes: [UInt8], unitCount: Int) {
        self.bytes = bytes
        self.unitCount = unitCount
    }

    /// The terms these bytes stand for, given the dictionary they were numbered in.
    public func decoded(dictionary: [String]) -> SearchDocumentTerms {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = ByteReader(buffer, position: 1)
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
    }

    /// The same document with every term number `n` changed to `numbers[n]`, for a dictionary that dropped unused terms.
    public func renumbered(_ numbers: [Int32]) -> CachedDocumentTerms {
        let (own, unitsStart) = bytes.withUnsafeBufferPointer { buffer in
            var reader = ByteReader(buffer, position: 1)
            let own = (0..<reader.number()!).map { _ in numbers[reader.number()!] }
            return (own, reader.position)
        }
        precondition(own.allSatisfy { $0 >= 0 }, "a document's term was dropped from the dictionary")
        return CachedDocumentTerms(numbers: own, encodedUnits: Array(bytes[unitsStart...]), unitCount: unitCount)
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

    /// Reads ``encodedUnits()`` of a document whose terms have the dictionary numbers `numbers`,
    /// laid out for the builder; nil when they are not canonical.
    ///
    /// Written with raw buffers: this runs over every entry of every unchanged document in a rebuild.
    static func numberedUnits(_ reader: inout ByteReader, numbers: [Int32]) -> NumberedDocumentTerms? {
        let termCount = numbers.count
        guard let unitCount = reader.number(), unitCount > 0, unitCount <= reader.remaining else { return nil }
        // Every entry takes at least four bytes.
        let capacity = reader.remaining / 4
        var entryTerms = [Int32](repeating: 0, count: capacity)
        var entryCounts = [UInt32](repeating: 0, count: capacity)
        var largeCounts: [Int: FieldCounts] = [:]
        var unitLengths: [FieldCounts] = []
        var unitEnds: [Int32] = []
        unitLengths.reserveCapacity(unitCount)
        unitEnds.reserveCapacity(unitCount)
        var lastUnit = [Int32](repeating: -1, count: termCount)
        var entries = 0
        let valid = entryTerms.withUnsafeMutableBufferPointer { terms in
            entryCounts.withUnsafeMutableBufferPointer { counts in
                lastUnit.withUnsafeMutableBufferPointer { last in
                    numbers.withUnsafeBufferPointer { numbers in
                        for unit in 0..<Int32(unitCount) {
                            guard let title = reader.number(), let code = reader.number(), let body = reader.number(),
                                let entryCount = reader.number(), entryCount * 4 <= reader.remaining
                            else { return false }
                            var sums: (title: Int, code: Int, body: Int) = (0, 0, 0)
                            for _ in 0..<entryCount {
                                guard let term = reader.number(), term < termCount, last[term] != unit,
                                    let termTitle = reader.number(), let termCode = reader.number(), let termBody = reader.number(),
                                    termTitle | termCode | termBody != 0
                                else { return false }
                                last[term] = unit
                                // Each is at most Int32.max, so the sums cannot overflow an Int before they are compared.
                                sums = (sums.title + termTitle, sums.code + termCode, sums.body + termBody)
                                terms[entries] = numbers[term]
                                let termCounts = FieldCounts(title: Int32(termTitle), code: Int32(termCode), body: Int32(termBody))
                                if let packed = PackedCounts.pack(termCounts) {
                                    counts[entries] = packed
                                } else {
                                    largeCounts[entries] = termCounts
                                }
                                entries += 1
                            }
                            guard sums == (title, code, body) else { return false }
                            unitLengths.append(FieldCounts(title: Int32(title), code: Int32(code), body: Int32(body)))
                            unitEnds.append(Int32(entries))
                        }
                        return true
                    }
                }
            }
        }
        // A term no unit counts would stay in the dictionary with no list.
        guard valid, !lastUnit.contains(-1) else { return nil }
        entryTerms.removeLast(capacity - entries)
        entryCounts.removeLast(capacity - entries)
        return NumberedDocumentTerms(
            unitLengths: unitLengths, unitEnds: unitEnds, entryTerms: entryTerms, entryCounts: entryCounts, largeCounts: largeCounts)
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
///
/// Over a raw buffer, which must outlive the reader: it runs over every entry of every cached document.
struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
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
    @inline(__always)
    mutating func number() -> Int? {
        // Nearly every number is below 128: one byte.
        if position < bytes.count, bytes[position] < 0x80 {
            position += 1
            return Int(bytes[position - 1])
        }
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

    @inline(__always)
    mutating func fieldCounts() -> SearchDocumentTerms.FieldCounts? {
        guard let title = number(), let code = number(), let body = number() else { return nil }
        return SearchDocumentTerms.FieldCounts(title: Int32(title), code: Int32(code), body: Int32(body))
    }
}

/// A set of a document's term numbers, to find one listed twice: open addressing, cheaper per number than
/// hashing into a `Set` or sorting.
struct DistinctNumbers {
    private var slots: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// Whether `number` (not negative) was not in the set yet.
    mutating func insert(_ number: Int32) -> Bool {
        var slot = Int(truncatingIfNeeded: UInt32(bitPattern: number) &* 0x9E37_79B1) & mask
        while slots[slot] >= 0 {
            if slots[slot] == number { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = number
        return true
    }
}
