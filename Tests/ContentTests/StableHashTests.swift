import Testing

import PortalBytes
@testable import PortalContent

/// ``StableHash`` is XXH3-64 chained through its seed, and mixes well enough to key the build cache.
@Suite struct StableHashTests {
    /// Values from libxxhash's `XXH3_64bits_withSeed` in C, chained as ``StableHash`` does.
    @Test func matchesXXH3() {
        var empty = StableHash()
        empty.combine(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(empty.value == 0x2D06_8005_38D3_94C2)  // XXH3-64 of no bytes, seed 0
        #expect(StableHash.of("") == 0xF0A3_90D5_A40E_58DF)
        #expect(StableHash.of("abc") == 0x604F_92A5_5E3E_DF7F)
        #expect(StableHash.of("positions/registered-nurse-grade-5.html") == 0x7E3C_3CDE_06E7_DC3A)
        var pieces = StableHash()
        pieces.combine("ab")
        pieces.combine("c")
        #expect(pieces.value == 0x12D8_F87B_810B_58AE)
        var number = StableHash()
        number.combine(42)
        #expect(number.value == 0xD5A6_F8C8_38DF_27C8)
    }

    /// Flipping any one input bit flips about half the output bits: 32 of 64 on average over all flips,
    /// and for each input bit over many inputs. Inputs of 8, 13 and 24 bytes take XXH3's three short paths.
    @Test func flippingOneBitFlipsHalfTheOutput() {
        var generator = SystemRandomNumberGenerator()
        let trials = 200
        for length in [8, 13, 24] {
            var flipsPerBit = [Int](repeating: 0, count: length * 8)
            for _ in 0..<trials {
                var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let original = Self.hash(bytes)
                for bit in 0..<length * 8 {
                    bytes[bit / 8] ^= 1 << (bit % 8)
                    flipsPerBit[bit] += (Self.hash(bytes) ^ original).nonzeroBitCount
                    bytes[bit / 8] ^= 1 << (bit % 8)
                }
            }
            let mean = Double(flipsPerBit.reduce(0, +)) / Double(trials * length * 8)
            #expect((31.5...32.5).contains(mean), "\(length) bytes: \(mean) bits flip on average")
            for (bit, flips) in flipsPerBit.enumerated() {
                let perBit = Double(flips) / Double(trials)
                #expect((29.0...35.0).contains(perBit), "\(length) bytes, bit \(bit): \(perBit) bits flip on average")
            }
        }
    }

    /// Structured inputs such as the cache hashes (paths that differ in a digit, small numbers, the two
    /// combined) never collide.
    @Test func structuredInputsDoNotCollide() {
        var seen = Set<UInt64>()
        var count = 0
        for index in 0..<50_000 {
            seen.insert(StableHash.of("positions/p-\(index).html"))
            var number = StableHash()
            number.combine(index)
            seen.insert(number.value)
            var both = StableHash()
            both.combine("Content/letters/\(index % 100).md")
            both.combine(index / 100)
            seen.insert(both.value)
            count += 3
        }
        #expect(seen.count == count)
    }

    private static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash = StableHash()
        bytes.withUnsafeBytes { hash.combine($0) }
        return hash.value
    }
}
