import CPortalCRC
import Foundation

/// The CRC-32 (IEEE 802.3) checksum ZIP entries carry.
///
/// Where the processor has carry-less multiplication (x86-64 with PCLMULQDQ),
/// runs of 16 bytes from 64 on are folded by `CPortalCRC`: a full build
/// checksums the 340 MB of its offline bundle on one core, at its end, and
/// the tables took 0.2 s of it. The rest, and any other processor, go through
/// slicing-by-8: eight tables let one step fold in eight bytes, several times
/// faster than a byte at a time.
package enum CRC32 {
    /// Whether ``checksum(_:continuing:)`` may fold with carry-less multiplication.
    package static let folds = portal_crc32_fold_available() != 0

    /// Table `k` (entries `256 k ..< 256 (k + 1)`) advances a byte's contribution by `k` more zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            tables[index] = value
        }
        for index in 0..<256 {
            for slice in 1..<8 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()

    package static func checksum(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { checksum($0) }
    }

    /// The checksum of `bytes`, or of the bytes that follow ones whose checksum was `previous`.
    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        checksum(bytes, continuing: previous, folding: folds)
    }

    /// ``checksum(_:continuing:)``, with the tables alone when `folding` is false (for tests that compare the two).
    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32, folding: Bool) -> UInt32 {
        var crc = previous ^ 0xFFFF_FFFF
        guard var pointer = bytes.baseAddress else { return previous }
        var remaining = bytes.count
        if folding, remaining >= 64 {
            let folded = remaining & ~15
            crc = portal_crc32_fold(crc, pointer, folded)
            pointer += folded
            remaining -= folded
        }
        tables.withUnsafeBufferPointer { table in
            while remaining >= 8 {
                let word = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ crc
                let high = UInt32(truncatingIfNeeded: word >> 32)
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                crc = table[Int((crc ^ UInt32(pointer.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                pointer += 1
                remaining -= 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
