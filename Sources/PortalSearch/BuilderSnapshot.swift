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
/// pack (entry, title, code, body). Decoding checks everything an index built from it relies on not to fail:
/// bounds, term numbers inside the dictionary, ends in order, a count for every entry. It does not check
/// that a unit names a term once or that its lengths are the sums of its counts; the cache guards the
/// bytes with a checksum.
public struct BuilderSnapshot: Sendable {
    typealias FieldCounts = SearchDocumentTerms.FieldCounts

    /// Changes whenever the layout or the tokenizer's rules change, so older bytes no longer decode.
    static let format: UInt8 = 1

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

    init(
        dictionary: [String], unitCounts: [Int], unitLengths: [FieldCounts], unitEnds: [Int], entryTerms: [Int32],
        entryCounts: [UInt32], largeCounts: [Int: FieldCounts]
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
    }

    /// How many documents it holds, numbered in the order they were added.
    public var documentCount: Int { documentUnits.count - 1 }

    /// The units of document `number`: itself, then its parts.
    public func unitCount(ofDocument number: Int) -> Int {
        documentUnits[number + 1] - documentUnits[number]
    }

    /// How many entries ((unit, term) pairs) it holds.
    public var entryCount: Int { entryTerms.count }

    /// The length of the bytes ``encode(dictionary:renumbering:chunk:_:)`` writes with `dictionary`.
    public func encodedCount(dictionary: [String]? = nil) -> Int {
        let terms = dictionary ?? self.dictionary
        return 1 + 4 + terms.reduce(0) { $0 + 4 + $1.utf8.count } + 4 + 4 * documentCount + 4 + 16 * unitLengths.count
            + 4 + 8 * entryTerms.count + 4 + 16 * largeCounts.count
    }

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
        var out: [UInt8] = []
        out.reserveCapacity(chunk + 64)
        func flush(force: Bool = false) throws {
            if force || out.count >= chunk {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        func put(_ value: Int) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: value)) { out.append(contentsOf: $0) }
        }
        func put<T>(_ values: ArraySlice<T>) {
            values.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        out.append(Self.format)
        let terms = dictionary ?? self.dictionary
        put(terms.count)
        for term in terms {
            put(term.utf8.count)
            out += term.utf8
            try flush()
        }
        put(documentCount)
        for number in 0..<documentCount { put(unitCount(ofDocument: number)) }
        try flush()
        put(unitLengths.count)
        for (lengths, end) in zip(unitLengths, unitEnds) {
            put(Int(lengths.title))
            put(Int(lengths.code))
            put(Int(lengths.body))
            put(end)
        }
        try flush()
        put(entryTerms.count)
        let step = max(1, chunk / 4)
        for start in stride(from: 0, to: entryTerms.count, by: step) {
            let block = entryTerms[start..<min(start + step, entryTerms.count)]
            if let renumbering {
                put(ArraySlice(block.map { renumbering[Int($0)] }))
            } else {
                put(block)
            }
            try flush()
        }
        for start in stride(from: 0, to: entryCounts.count, by: step) {
            put(entryCounts[start..<min(start + step, entryCounts.count)])
            try flush()
        }
        put(largeCounts.count)
        for entry in largeCounts.keys.sorted() {
            let counts = largeCounts[entry]!
            put(entry)
            put(Int(counts.title))
            put(Int(counts.code))
            put(Int(counts.body))
        }
        try flush(force: true)
    }

    private static var isLittleEndian: Bool { 1.littleEndian == 1 }

    /// Decodes and checks bytes that ``encode(dictionary:renumbering:chunk:_:)`` wrote; nil when they are
    /// not of this format or break any rule an index relies on.
    public init?(decoding bytes: UnsafeRawBufferPointer) {
        #if _endian(big)
        return nil
        #else
        var position = 0
        func number() -> Int? {
            guard position + 4 <= bytes.count else { return nil }
            defer { position += 4 }
            return Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        }
        /// `count` 32-bit numbers, copied as they are.
        func numbers<T>(_ count: Int, as type: T.Type) -> [T]? {
            guard count >= 0, count <= (bytes.count - position) / 4 else { return nil }
            let start = position
            position += count * 4
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count * 4)]))
                initialized = count
            }
        }
        guard bytes.first == Self.format else { return nil }
        position = 1
        guard let termCount = number(), termCount <= bytes.count - position else { return nil }
        var dictionary: [String] = []
        dictionary.reserveCapacity(termCount)
        for _ in 0..<termCount {
            guard let length = number(), length <= bytes.count - position,
                let term = String(validating: bytes[position..<(position + length)], as: UTF8.self)
            else { return nil }
            position += length
            dictionary.append(term)
        }
        guard let documentCount = number(), let unitCounts = numbers(documentCount, as: UInt32.self),
            unitCounts.allSatisfy({ $0 > 0 }),
            let unitCount = number(), unitCount == unitCounts.reduce(0, { $0 + Int($1) }),
            let units = numbers(unitCount * 4, as: Int32.self),
            let entryCount = number(), let entryTerms = numbers(entryCount, as: Int32.self),
            let entryCounts = numbers(entryCount, as: UInt32.self)
        else { return nil }
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
        // Over raw buffers: these run over every entry of the corpus.
        let termsInside = entryTerms.withUnsafeBufferPointer { terms in
            terms.allSatisfy { UInt32(bitPattern: $0) < UInt32(termCount) }
        }
        let zeroCounts = entryCounts.withUnsafeBufferPointer { counts in counts.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }
        guard termsInside, let largeCount = number(), largeCount == zeroCounts, let large = numbers(largeCount * 4, as: Int32.self),
            position == bytes.count
        else { return nil }
        var largeCounts: [Int: FieldCounts] = [:]
        largeCounts.reserveCapacity(largeCount)
        for index in 0..<largeCount {
            let entry = Int(UInt32(bitPattern: large[index * 4]))
            let counts = FieldCounts(title: large[index * 4 + 1], code: large[index * 4 + 2], body: large[index * 4 + 3])
            guard entry < entryCount, entryCounts[entry] == 0, largeCounts[entry] == nil,
                counts.title >= 0, counts.code >= 0, counts.body >= 0, counts.title + counts.code + counts.body > 0
            else { return nil }
            largeCounts[entry] = counts
        }
        self.init(
            dictionary: dictionary, unitCounts: unitCounts.map { Int($0) }, unitLengths: unitLengths, unitEnds: unitEnds,
            entryTerms: entryTerms, entryCounts: entryCounts, largeCounts: largeCounts)
        #endif
    }
}
