internal import CXXHash

/// A 64-bit hash that comes out the same in every process, unlike `Hasher`, whose seed changes per run.
///
/// The build cache keys its entries with it; no hash reaches the output. Each piece is hashed with
/// XXH3-64 (Debian's libxxhash) seeded with the hash so far, so the value depends on every piece and
/// their order. Strings are fed with their length after them, so `("ab", "c")` and `("a", "bc")` differ.
/// XXH3 rather than hand-written mixing: a collision reuses a stale page, and XXH3's mixing is tested.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0

    public init() {}

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        value = XXH3_64bits_withSeed(bytes.baseAddress, bytes.count, value)
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
        combine(UInt64(text.utf8.count))
    }

    public mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { combine($0) }
    }

    public mutating func combine(_ number: Int) {
        combine(UInt64(bitPattern: Int64(number)))
    }

    /// The hash of one string.
    public static func of(_ text: String) -> UInt64 {
        var hash = StableHash()
        hash.combine(text)
        return hash.value
    }
}
