import CLibdeflate
import Foundation

/// The CRC-32 (IEEE 802.3) checksum ZIP entries carry, from Debian's libdeflate.
///
/// libdeflate rather than zlib: it folds with carry-less multiplication where
/// the processor has it, and Debian's zlib 1.2 does not, while a full build
/// checksums its whole offline bundle on one core at its end.
package enum CRC32 {
    package static func checksum(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { checksum($0) }
    }

    /// The checksum of `bytes`, or of the bytes that follow ones whose checksum was `previous`.
    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        // libdeflate reads a null buffer as a request for the initial value, 0, not as no bytes.
        guard let base = bytes.baseAddress else { return previous }
        return libdeflate_crc32(previous, base, bytes.count)
    }
}
