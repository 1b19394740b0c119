/// One document's entries laid out as ``SearchIndex/Builder`` keeps them: per (unit, term) pair, the term's
/// number in the builder's dictionary and its packed counts.
///
/// Made from ``CachedDocumentTerms`` on any thread (``CachedDocumentTerms/numbered(validating:dictionarySize:)``),
/// so that adding the document to the builder, which is done in document order on one thread, only appends arrays.
public struct NumberedDocumentTerms: Sendable {
    typealias FieldCounts = SearchDocumentTerms.FieldCounts

    /// By unit: its field lengths, and where its entries end.
    let unitLengths: [FieldCounts]
    let unitEnds: [Int32]
    /// By entry: the term's number, and its counts packed by ``PackedCounts``.
    let entryTerms: [Int32]
    let entryCounts: [UInt32]
    /// Counts too large to pack, by entry.
    let largeCounts: [Int: FieldCounts]

    var unitCount: Int { unitLengths.count }

    init(unitLengths: [FieldCounts], unitEnds: [Int32], entryTerms: [Int32], entryCounts: [UInt32], largeCounts: [Int: FieldCounts]) {
        self.unitLengths = unitLengths
        self.unitEnds = unitEnds
        self.entryTerms = entryTerms
        self.entryCounts = entryCounts
        self.largeCounts = largeCounts
    }
}

/// A (title, code, body) count in 32 bits: 8 bits of title, 8 of code and 16 of body, as nearly all are.
enum PackedCounts {
    static func pack(_ counts: SearchDocumentTerms.FieldCounts) -> UInt32? {
        guard (0..<256).contains(counts.title), (0..<256).contains(counts.code), (0..<65536).contains(counts.body) else { return nil }
        return UInt32(counts.title) << 24 | UInt32(counts.code) << 16 | UInt32(counts.body)
    }

    static func unpack(_ packed: UInt32) -> SearchDocumentTerms.FieldCounts {
        SearchDocumentTerms.FieldCounts(title: Int32(packed >> 24), code: Int32((packed >> 16) & 0xFF), body: Int32(packed & 0xFFFF))
    }
}
