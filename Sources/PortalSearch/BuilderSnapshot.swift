/// What a ``SearchIndex/Builder`` holds once every document is added: the dictionary and, document by
/// document, each unit's field lengths and its entries (term number and packed counts).
///
/// The build cache keeps it, so the next build appends an unchanged document's entries to a builder
/// made from the same dictionary as they are (``SearchIndex/Builder/append(_:document:)``): nothing is
/// tokenized, decoded or laid out again, as each document's terms would be if kept as LEB128 numbers.
///
/// Encoded as a format byte, then 32-bit little-endian numbers: the dictionary (count, then each term's
/// UTF-8 length and bytes), the documents' unit counts, the units' lengths (title, code, body) and where
/// their entries end, the entries' term numbers, then their packed counts, and the counts too large to
/// pack (entry, title, code, body), then the positions' count, where each unit's positions end, and the
/// positions as 16-bit numbers (padded to a multiple of 4 bytes). Decoding checks everything an index built from it relies on not to fail:
/// bounds, term numbers inside the dictionary, ends in order, a count for every entry. It does not check
/// that a unit names a term once, that its lengths are the sums of its counts, or that its positions match
/// its counts (the index gives a posting whose positions do not fit none); the cache guards the bytes with a checksum.
public struct BuilderSnapshot: Sendable {
    typealias FieldCounts = SearchDocumentTerms.FieldCounts

    /// Changes whenever the layout or the tokenizer's rules change, so older bytes no longer decode.
    static let format: UInt8 = 3

    /// Every term, in number order.
    public let dictionary: [String]
    /// By document: where its units start, and the count of units at the end.
    let documentUnits: [Int]
    /// By unit: its field lengths, and where its entries end.
    let unitLengths: [FieldCounts]
    let unitEnds: [Int]
    /// By entry: the term's number and its counts, packed by ``PackedCounts`` (0 when in `largeCounts`).
    let entryTerms: [Int32]
    let entryCounts: [UInt32]
    let largeCounts: [Int: FieldCounts]
    /// By unit, in order: its terms' positions (``SearchDocumentTerms/Unit/positions``), and where they end.
    let positions: [UInt16]
    let unitPositionEnds: [Int]

    init(
        dictionary: [String], unitCounts: [Int], unitLengths: [FieldCounts], unitEnds: [Int], entryTerms: [Int32],
        entryCounts: [UInt32], largeCounts: [Int: FieldCounts], positions: [UInt16], unitPositionEnds: [Int]
    ) {
        self.dictionary = dictionary
        var starts = [0]
        starts.reserveCapacity(unitCounts.count + 1)
        for count in unitCounts { starts.append(starts.last! + count) }
        documentUnits = starts
        self.unitLengths = unitLengths
        self.unitEnds = unitEnds
        self.entryTerms = entryTerms
        self.entryCounts = entryCounts
        self.largeCounts = largeCounts
        self.positions = positions
        self.unitPositionEnds = unitPositionEnds
    }

    /// How many documents it holds, numbered in the order they were added.
    public var documentCount: Int { documentUnits.count - 1 }

    /// The units of document `number`: itself, then its parts.
    public func unitCount(ofDocument number: Int) -> Int {
        documentUnits[number + 1] - documentUnits[number]
    }

    /// How many entries ((unit, term) pairs) it holds.
    public var entryCount: Int { entryTerms.count }

    /// How many word positions its units hold.
    public var positionCount: Int { positions.count }

    /// The length of the bytes ``encode(dictionary:renumbering:chunk:_:)`` writes with `dictionary`.
    public func encodedCount(dictionary: [String]? = nil) -> Int {
        let terms = dictionary ?? self.dictionary
        return 1 + 4 + terms.reduce(0) { $0 + 4 + $1.utf8.count } + 4 + 4 * documentCount + 4 + 16 * unitLengths.count
            + 4 + 8 * entryTerms.count + 4 + 16 * largeCounts.count + 4 + 4 * unitPositionEnds.count + Self.paddedCount(positions.count)
    }

    /// The bytes of `count` 16-bit positions, padded to a multiple of 4.
    private static func paddedCount(_ count: Int) -> Int { (2 * count + 3) / 4 * 4 }

    /// The encoded snapshot, handed to `emit` a piece of about `chunk` bytes at a time.
    ///
    /// The entries' arrays are copied a block at a time as they lie in memory (the format is little-endian,
    /// as the machines it runs on are), not a value at a time: they hold every entry of the corpus.
    ///
    /// - Parameter renumbering: each term's new number when the dictionary is written without the terms no
    ///   document contains (``SearchIndex/Builder/usedDictionary``), with `dictionary` the terms kept.
    public func encode(
        dictionary: [String]? = nil, renumbering: [Int32]? = nil, chunk: Int = 1 << 20, _ emit: ([UInt8]) throws -> Void
    ) rethrows {
        precondition(Self.isLittleEndian, "the snapshot's format is little-endian")
        var out = ChunkWriter(chunk: chunk)
        out.bytes.append(Self.format)
        try writeDictionary(dictionary ?? self.dictionary, to: &out, emit)
        try writeUnits(to: &out, emit)
        try writeEntries(renumbering: renumbering, to: &out, emit)
        writeLargeCounts(to: &out)
        try writePositions(to: &out, emit)
        try out.flush(force: true, emit)
    }

    /// The dictionary's count, then each term's UTF-8 length and bytes.
    private func writeDictionary(_ terms: [String], to out: inout ChunkWriter, _ emit: ([UInt8]) throws -> Void) rethrows {
        out.put(terms.count)
        for term in terms {
            out.put(term.utf8.count)
            out.bytes += term.utf8
            try out.flush(emit)
        }
    }

    /// The documents' unit counts, then each unit's lengths (title, code, body) and where its entries end.
    private func writeUnits(to out: inout ChunkWriter, _ emit: ([UInt8]) throws -> Void) rethrows {
        out.put(documentCount)
        for number in 0..<documentCount { out.put(unitCount(ofDocument: number)) }
        try out.flush(emit)
        out.put(unitLengths.count)
        for (lengths, end) in zip(unitLengths, unitEnds) {
            out.put(Int(lengths.title))
            out.put(Int(lengths.code))
            out.put(Int(lengths.body))
            out.put(end)
        }
        try out.flush(emit)
    }

    /// The entries' count, their term numbers (renumbered when `renumbering` is given), then their packed counts.
    private func writeEntries(renumbering: [Int32]?, to out: inout ChunkWriter, _ emit: ([UInt8]) throws -> Void) rethrows {
        out.put(entryTerms.count)
        let step = max(1, out.chunk / 4)
        for start in stride(from: 0, to: entryTerms.count, by: step) {
            let block = entryTerms[start..<min(start + step, entryTerms.count)]
            if let renumbering {
                out.put(ArraySlice(block.map { renumbering[Int($0)] }))
            } else {
                out.put(block)
            }
            try out.flush(emit)
        }
        for start in stride(from: 0, to: entryCounts.count, by: step) {
            out.put(entryCounts[start..<min(start + step, entryCounts.count)])
            try out.flush(emit)
        }
    }

    /// The counts too large to pack: their count, then each entry's number and counts, by entry.
    private func writeLargeCounts(to out: inout ChunkWriter) {
        out.put(largeCounts.count)
        for entry in largeCounts.keys.sorted() {
            let counts = largeCounts[entry]!
            out.put(entry)
            out.put(Int(counts.title))
            out.put(Int(counts.code))
            out.put(Int(counts.body))
        }
    }

    /// The positions' count, where each unit's positions end, then the positions, padded to 4 bytes.
    private func writePositions(to out: inout ChunkWriter, _ emit: ([UInt8]) throws -> Void) rethrows {
        out.put(positions.count)
        for end in unitPositionEnds { out.put(end) }
        try out.flush(emit)
        let step = max(1, out.chunk / 2)
        for start in stride(from: 0, to: positions.count, by: step) {
            out.put(positions[start..<min(start + step, positions.count)])
            try out.flush(emit)
        }
        if positions.count % 2 == 1 { out.bytes += [0, 0] }
    }

    private static var isLittleEndian: Bool { 1.littleEndian == 1 }

    /// Decodes and checks bytes that ``encode(dictionary:renumbering:chunk:_:)`` wrote; nil when they are
    /// not of this format or break any rule an index relies on.
    public init?(decoding bytes: UnsafeRawBufferPointer) {
        #if _endian(big)
        return nil
        #else
        guard bytes.first == Self.format else { return nil }
        var reader = NumberReader(bytes: bytes, position: 1)
        guard let dictionary = Self.readDictionary(&reader),
            let documentCount = reader.number(), let unitCounts = reader.numbers(documentCount, as: UInt32.self),
            unitCounts.allSatisfy({ $0 > 0 }),
            let unitCount = reader.number(), unitCount == unitCounts.reduce(0, { $0 + Int($1) }),
            let units = reader.numbers(unitCount * 4, as: Int32.self),
            let entryCount = reader.number(), let entryTerms = reader.numbers(entryCount, as: Int32.self),
            let entryCounts = reader.numbers(entryCount, as: UInt32.self),
            let checkedUnits = Self.checkedUnits(units, count: unitCount, entryCount: entryCount),
            Self.termsAreInside(entryTerms, termCount: dictionary.count),
            let largeCount = reader.number(), largeCount == Self.zeroCount(entryCounts),
            let large = reader.numbers(largeCount * 4, as: Int32.self),
            let largeCounts = Self.checkedLargeCounts(large, count: largeCount, entryCounts: entryCounts),
            let positionCount = reader.number(), let positionEnds = reader.numbers(unitCount, as: UInt32.self),
            let unitPositionEnds = Self.checkedEnds(positionEnds, total: positionCount),
            let positions = reader.halfWords(positionCount),
            reader.position == bytes.count
        else { return nil }
        self.init(
            dictionary: dictionary, unitCounts: unitCounts.map { Int($0) }, unitLengths: checkedUnits.lengths,
            unitEnds: checkedUnits.ends, entryTerms: entryTerms, entryCounts: entryCounts, largeCounts: largeCounts,
            positions: positions, unitPositionEnds: unitPositionEnds)
        #endif
    }

    // The decoding steps and `NumberReader`'s reads are inlined into `init?(decoding:)`, so that
    // splitting it into steps costs its loops over every entry of the corpus nothing.

    /// The dictionary: its count, then each term's length and UTF-8 bytes, which must be valid.
    @inline(__always)
    private static func readDictionary(_ reader: inout NumberReader) -> [String]? {
        guard let termCount = reader.number(), termCount <= reader.bytes.count - reader.position else { return nil }
        var dictionary: [String] = []
        dictionary.reserveCapacity(termCount)
        for _ in 0..<termCount {
            guard let length = reader.number(), length <= reader.bytes.count - reader.position,
                let term = String(validating: reader.bytes[reader.position..<(reader.position + length)], as: UTF8.self)
            else { return nil }
            reader.position += length
            dictionary.append(term)
        }
        return dictionary
    }

    /// Each unit's lengths and entry end from its four numbers; nil when a length is negative or the ends
    /// are out of order or do not end at `entryCount`.
    @inline(__always)
    private static func checkedUnits(
        _ units: [Int32], count unitCount: Int, entryCount: Int
    ) -> (lengths: [FieldCounts], ends: [Int])? {
        var unitLengths: [FieldCounts] = []
        var unitEnds: [Int] = []
        unitLengths.reserveCapacity(unitCount)
        unitEnds.reserveCapacity(unitCount)
        var previousEnd = 0
        for unit in 0..<unitCount {
            let lengths = FieldCounts(title: units[unit * 4], code: units[unit * 4 + 1], body: units[unit * 4 + 2])
            let end = Int(UInt32(bitPattern: units[unit * 4 + 3]))
            guard lengths.title >= 0, lengths.code >= 0, lengths.body >= 0, end >= previousEnd, end <= entryCount else { return nil }
            unitLengths.append(lengths)
            unitEnds.append(end)
            previousEnd = end
        }
        guard previousEnd == entryCount else { return nil }
        return (unitLengths, unitEnds)
    }

    /// Where each unit's positions end, when they never go back and the last is `total` (0 with no units).
    @inline(__always)
    private static func checkedEnds(_ ends: [UInt32], total: Int) -> [Int]? {
        var previous = 0
        for end in ends {
            guard Int(end) >= previous else { return nil }
            previous = Int(end)
        }
        guard previous == total else { return nil }
        return ends.map { Int($0) }
    }

    // Over raw buffers: these two run over every entry of the corpus.

    /// Whether every entry's term number is inside a dictionary of `termCount` terms.
    @inline(__always)
    private static func termsAreInside(_ entryTerms: [Int32], termCount: Int) -> Bool {
        entryTerms.withUnsafeBufferPointer { terms in
            terms.allSatisfy { UInt32(bitPattern: $0) < UInt32(termCount) }
        }
    }

    /// How many entries have packed counts of 0, each of which must have large counts.
    @inline(__always)
    private static func zeroCount(_ entryCounts: [UInt32]) -> Int {
        entryCounts.withUnsafeBufferPointer { counts in counts.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }
    }

    /// The counts too large to pack, by entry; nil unless each is for a distinct entry packed as 0 and is
    /// non-negative and not all zero.
    @inline(__always)
    private static func checkedLargeCounts(_ large: [Int32], count largeCount: Int, entryCounts: [UInt32]) -> [Int: FieldCounts]? {
        var largeCounts: [Int: FieldCounts] = [:]
        largeCounts.reserveCapacity(largeCount)
        for index in 0..<largeCount {
            let entry = Int(UInt32(bitPattern: large[index * 4]))
            let counts = FieldCounts(title: large[index * 4 + 1], code: large[index * 4 + 2], body: large[index * 4 + 3])
            guard entry < entryCounts.count, entryCounts[entry] == 0, largeCounts[entry] == nil,
                counts.title >= 0, counts.code >= 0, counts.body >= 0, counts.title + counts.code + counts.body > 0
            else { return nil }
            largeCounts[entry] = counts
        }
        return largeCounts
    }
}

/// The bytes ``BuilderSnapshot/encode(dictionary:renumbering:chunk:_:)`` has not yet handed on.
private struct ChunkWriter {
    /// About how many bytes are handed on at a time.
    let chunk: Int
    var bytes: [UInt8] = []

    init(chunk: Int) {
        self.chunk = chunk
        bytes.reserveCapacity(chunk + 64)
    }

    /// Hands the bytes to `emit` once there are `chunk` of them, or at once when `force` is set.
    mutating func flush(force: Bool = false, _ emit: ([UInt8]) throws -> Void) rethrows {
        if force || bytes.count >= chunk {
            try emit(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// `value` as a 32-bit little-endian number.
    mutating func put(_ value: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: value)) { bytes.append(contentsOf: $0) }
    }

    /// `values` as they lie in memory.
    mutating func put<T>(_ values: ArraySlice<T>) {
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

/// Reads the 32-bit little-endian numbers of an encoded ``BuilderSnapshot`` from `position` on.
private struct NumberReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    /// The next number; nil when the bytes end first.
    @inline(__always)
    mutating func number() -> Int? {
        guard position + 4 <= bytes.count else { return nil }
        defer { position += 4 }
        return Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    /// The next `count` 16-bit numbers, copied as they are, and the padding to a multiple of 4 bytes after them.
    @inline(__always)
    mutating func halfWords(_ count: Int) -> [UInt16]? {
        guard count >= 0, count <= (bytes.count - position) / 2 else { return nil }
        let start = position
        let padded = (2 * count + 3) / 4 * 4
        guard padded <= bytes.count - position else { return nil }
        position += padded
        return [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count * 2)]))
            initialized = count
        }
    }

    /// The next `count` numbers, copied as they are; nil when the bytes end first.
    @inline(__always)
    mutating func numbers<T>(_ count: Int, as type: T.Type) -> [T]? {
        guard count >= 0, count <= (bytes.count - position) / 4 else { return nil }
        let start = position
        position += count * 4
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count * 4)]))
            initialized = count
        }
    }
}
