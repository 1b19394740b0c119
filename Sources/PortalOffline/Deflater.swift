import CLibdeflate
import PortalBytes
import PortalContent

/// Raw deflate (RFC 1951) through libdeflate, as ZIP's method 8 stores it.
///
/// libdeflate compresses a whole buffer at once, which suits files read whole; one
/// compressor is not thread-safe, so each thread makes its own. The same bytes at the
/// same level always give the same output, which the archives' determinism rests on.
package final class Deflater {
    /// libdeflate's levels run from 1 (fastest) to 12 (smallest); 6 is zlib's default trade-off.
    package static let defaultLevel: Int32 = 6

    private let compressor: OpaquePointer
    private var output: UnsafeMutableRawBufferPointer

    package init(level: Int32 = defaultLevel) {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            // Only out of memory, or a level outside 0…12, which callers never pass.
            fatalError("libdeflate could not allocate a compressor at level \(level)")
        }
        self.compressor = compressor
        output = .allocate(byteCount: 1 << 16, alignment: 16)
    }

    deinit {
        libdeflate_free_compressor(compressor)
        output.deallocate()
    }

    /// `bytes` as one ZIP entry: deflated when that is smaller, stored as they are otherwise.
    package func entry(_ bytes: UnsafeRawBufferPointer) -> ZipEntryData {
        let crc = CRC32.checksum(bytes)
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return ZipEntryData(crc: crc, size: UInt64(bytes.count), method: .stored, data: Array(bytes))
        }
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        if output.count < bound {
            output.deallocate()
            output = .allocate(byteCount: bound, alignment: 16)
        }
        let written = libdeflate_deflate_compress(compressor, base, bytes.count, output.baseAddress!, output.count)
        // 0 means it did not fit, which the bound rules out; storing is right whenever deflate does not win.
        if written == 0 || written >= bytes.count {
            return ZipEntryData(crc: crc, size: UInt64(bytes.count), method: .stored, data: Array(bytes))
        }
        return ZipEntryData(
            crc: crc, size: UInt64(bytes.count), method: .deflated,
            data: Array(UnsafeRawBufferPointer(rebasing: output[0..<written])))
    }

    package func entry(_ bytes: [UInt8]) -> ZipEntryData {
        bytes.withUnsafeBytes { entry($0) }
    }
}

/// One file's entry as it goes into an archive: its checksum and size, and its data as stored.
package struct ZipEntryData: Sendable {
    package enum Method: UInt16, Sendable {
        case stored = 0
        case deflated = 8
    }

    package var crc: UInt32
    /// The file's own size.
    package var size: UInt64
    package var method: Method
    /// The bytes the archive holds: the file's, or their deflated form.
    package var data: [UInt8]

    package init(crc: UInt32, size: UInt64, method: Method, data: [UInt8]) {
        self.crc = crc
        self.size = size
        self.method = method
        self.data = data
    }

    /// `bytes` stored as they are, as an EPUB's `mimetype` must be.
    package static func stored(_ bytes: [UInt8]) -> ZipEntryData {
        ZipEntryData(crc: bytes.withUnsafeBytes { CRC32.checksum($0) }, size: UInt64(bytes.count), method: .stored, data: bytes)
    }
}
