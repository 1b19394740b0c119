/// The compact binary form of ``SearchDocumentTerms`` that a build cache stores.
///
/// A format byte, then unsigned LEB128 numbers: the term count and each term
/// as a byte length and UTF-8; the unit count and per unit its three field
/// lengths, its entry count and per entry the term's position and three counts.
extension SearchDocumentTerms {
    /// Changes whenever the encoding or the tokenizer's rules change, so older bytes no longer decode.
    public static let format: UInt8 = 1

    public func encoded() -> [UInt8] {
        var out: [UInt8] = [Self.format]
        out.reserveCapacity(terms.reduce(16) { $0 + $1.utf8.count + 1 } + units.reduce(0) { $0 + 4 + $1.terms.count * 5 })
        Self.append(terms.count, to: &out)
        for term in terms {
            Self.append(term.utf8.count, to: &out)
            out.append(contentsOf: term.utf8)
        }
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

    /// Decodes ``encoded()``; nil when the bytes are not exactly what it writes.
    ///
    /// Beyond the syntax it checks what the index relies on: distinct,
    /// non-empty, valid UTF-8 terms; at least one unit; entries that name an
    /// existing term once per unit and count it at least once; and field
    /// lengths that are the sums of the counts.
    public init?(decoding bytes: [UInt8]) {
        var reader = ByteReader(bytes: bytes)
        guard reader.byte() == Self.format, let termCount = reader.number(), termCount <= reader.remaining else { return nil }
        var table = TermTable(capacity: termCount)
        var terms: [String] = []
        terms.reserveCapacity(termCount)
        for _ in 0..<termCount {
            guard let length = reader.number(), length > 0, let utf8 = reader.bytes(length) else { return nil }
            let term = String(decoding: utf8, as: UTF8.self)
            guard term.utf8.elementsEqual(utf8) else { return nil }
            let isNew = utf8.withUnsafeBufferPointer { table.find($0) == nil && table.insert($0) >= 0 }
            guard isNew else { return nil }
            terms.append(term)
        }
        guard let unitCount = reader.number(), unitCount > 0, unitCount <= reader.remaining else { return nil }
        var units: [Unit] = []
        units.reserveCapacity(unitCount)
        var lastUnit = [Int](repeating: -1, count: termCount)
        for number in 0..<unitCount {
            guard let lengths = reader.fieldCounts(), let entryCount = reader.number(), entryCount <= reader.remaining else { return nil }
            var entries: [TermCounts] = []
            entries.reserveCapacity(entryCount)
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
                entries.append(TermCounts(term: Int32(term), counts: counts))
            }
            guard sums == lengths else { return nil }
            units.append(Unit(lengths: lengths, terms: entries))
        }
        guard reader.remaining == 0 else { return nil }
        self.init(terms: terms, units: units)
    }

    private static func append(_ counts: FieldCounts, to out: inout [UInt8]) {
        append(Int(counts.title), to: &out)
        append(Int(counts.code), to: &out)
        append(Int(counts.body), to: &out)
    }

    private static func append(_ value: Int, to out: inout [UInt8]) {
        var value = UInt(value)
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Reads what `encoded()` writes, answering nil instead of reading past the end or overflowing.
    private struct ByteReader {
        let bytes: [UInt8]
        var position = 0

        var remaining: Int { bytes.count - position }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
            guard count <= remaining else { return nil }
            defer { position += count }
            return bytes[position..<(position + count)]
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

        mutating func fieldCounts() -> FieldCounts? {
            guard let title = number(), let code = number(), let body = number() else { return nil }
            return FieldCounts(title: Int32(title), code: Int32(code), body: Int32(body))
        }
    }
}
