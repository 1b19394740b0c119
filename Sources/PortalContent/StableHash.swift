/// A 64-bit hash that comes out the same in every process, unlike `Hasher`, whose seed changes per run.
///
/// The build cache keys its entries with it. FNV-1a's multiply, taken eight
/// bytes at a time with a final mix, so hashing every source on each build
/// costs little. Strings are fed with their length after them, so
/// `("ab", "c")` and `("a", "bc")` differ.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var value = self.value
        var index = 0
        while index + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            value = (value ^ word) &* 0x0000_0100_0000_01B3
            value ^= value >> 29
            index += 8
        }
        while index < bytes.count {
            value = (value ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
            index += 1
        }
        self.value = value
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
