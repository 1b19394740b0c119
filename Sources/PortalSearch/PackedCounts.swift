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
