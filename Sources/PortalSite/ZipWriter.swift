import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal writer of stored (uncompressed) ZIP entries, with ZIP64 records when needed.
///
/// Headers and small entries collect in one buffer that goes to the file in
/// large writes: a site has tens of thousands of entries, and a system call
/// per header cost more than the bytes. The caller owns `descriptor`.
final class ZipWriter {
    private struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt64
        var offset: UInt64
        var isDirectory: Bool
    }

    private let descriptor: Int32
    private let dos: (date: UInt16, time: UInt16)
    private var entries: [Entry] = []
    /// Bytes written so far, buffered or not: where the next entry starts.
    private var offset: UInt64 = 0
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0

    init(descriptor: Int32, dos: (date: UInt16, time: UInt16), bufferSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.dos = dos
        buffer = .allocate(byteCount: max(bufferSize, 1 << 17), alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    func addDirectory(_ name: String) throws {
        try appendLocalHeader(Array(name.utf8), crc: 0, size: 0, isDirectory: true)
    }

    func addFile(_ name: String, data: Data) throws {
        try data.withUnsafeBytes { try addFile(name, bytes: $0) }
    }

    func addFile(_ name: String, bytes: UnsafeRawBufferPointer) throws {
        try appendLocalHeader(Array(name.utf8), crc: CRC32.checksum(bytes), size: UInt64(bytes.count), isDirectory: false)
        try append(bytes)
        offset += UInt64(bytes.count)
    }

    /// Adds a file whose `size` stored bytes, with checksum `crc`, are copied from `source` at `sourceOffset`.
    ///
    /// Throws when `source` ends early; the archive is then unusable.
    func addFile(_ name: String, crc: UInt32, size: UInt64, copyingFrom source: Int32, at sourceOffset: UInt64) throws {
        try appendLocalHeader(Array(name.utf8), crc: crc, size: size, isDirectory: false)
        var remaining = size
        var position = sourceOffset
        while remaining > 0 {
            if buffered == buffer.count { try flush() }
            let wanted = Int(min(remaining, UInt64(buffer.count - buffered)))
            let read = positionalRead(source, into: buffer.baseAddress! + buffered, count: wanted, at: position)
            guard read > 0 else { throw CocoaError(.fileReadCorruptFile) }
            buffered += read
            remaining -= UInt64(read)
            position += UInt64(read)
        }
        offset += size
    }

    private func appendLocalHeader(_ name: [UInt8], crc: UInt32, size: UInt64, isDirectory: Bool) throws {
        var header = HeaderBytes()
        header.le32(0x0403_4b50)
        header.le16(20)  // version needed: 2.0
        header.le16(0x0800)  // names are UTF-8
        header.le16(0)  // stored
        header.le16(dos.time)
        header.le16(dos.date)
        header.le32(crc)
        header.le32(UInt32(clamping: size))
        header.le32(UInt32(clamping: size))
        header.le16(UInt16(name.count))
        header.le16(0)
        header.bytes += name
        try header.bytes.withUnsafeBytes { try append($0) }
        entries.append(Entry(name: name, crc: crc, size: size, offset: offset, isDirectory: isDirectory))
        offset += UInt64(header.bytes.count)
    }

    /// Writes the central directory and its end records, then everything still buffered.
    func finish() throws {
        let directoryOffset = offset
        var directorySize: UInt64 = 0
        for entry in entries {
            let needs64 = entry.offset >= 0xFFFF_FFFF
            var record = HeaderBytes()
            record.le32(0x0201_4b50)
            record.le16(0x0314)  // made by: Unix, 2.0
            record.le16(needs64 ? 45 : 20)
            record.le16(0x0800)
            record.le16(0)
            record.le16(dos.time)
            record.le16(dos.date)
            record.le32(entry.crc)
            record.le32(UInt32(clamping: entry.size))
            record.le32(UInt32(clamping: entry.size))
            record.le16(UInt16(entry.name.count))
            record.le16(needs64 ? 12 : 0)
            record.le16(0)  // comment
            record.le16(0)  // disk
            record.le16(0)  // internal attributes
            // Unix mode in the high half; 0x10 marks a folder for DOS tools.
            record.le32(entry.isDirectory ? (0o40755 << 16 | 0x10) : 0o100644 << 16)
            record.le32(needs64 ? 0xFFFF_FFFF : UInt32(entry.offset))
            record.bytes += entry.name
            if needs64 {
                record.le16(0x0001)
                record.le16(8)
                record.le64(entry.offset)
            }
            try record.bytes.withUnsafeBytes { try append($0) }
            directorySize += UInt64(record.bytes.count)
        }
        let count = UInt64(entries.count)
        var end = HeaderBytes()
        let needs64 = count >= 0xFFFF || directoryOffset >= 0xFFFF_FFFF || directorySize >= 0xFFFF_FFFF
        if needs64 {
            let recordOffset = directoryOffset + directorySize
            end.le32(0x0606_4b50)
            end.le64(44)
            end.le16(0x0314)
            end.le16(45)
            end.le32(0)
            end.le32(0)
            end.le64(count)
            end.le64(count)
            end.le64(directorySize)
            end.le64(directoryOffset)
            end.le32(0x0706_4b50)
            end.le32(0)
            end.le64(recordOffset)
            end.le32(1)
        }
        end.le32(0x0605_4b50)
        end.le16(0)
        end.le16(0)
        end.le16(needs64 ? 0xFFFF : UInt16(count))
        end.le16(needs64 ? 0xFFFF : UInt16(count))
        end.le32(needs64 ? 0xFFFF_FFFF : UInt32(directorySize))
        end.le32(needs64 ? 0xFFFF_FFFF : UInt32(directoryOffset))
        end.le16(0)
        try end.bytes.withUnsafeBytes { try append($0) }
        try flush()
    }

    /// Buffers `bytes`, or writes them straight through when they would fill the buffer anyway.
    private func append(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.count > buffer.count - buffered { try flush() }
        if bytes.count >= buffer.count {
            try writeAll(bytes)
        } else if bytes.count > 0 {
            (buffer.baseAddress! + buffered).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            buffered += bytes.count
        }
    }

    private func flush() throws {
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<buffered]))
        buffered = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard POSIXFile.writeAll(descriptor, bytes) else { throw CocoaError(.fileWriteUnknown) }
    }
}

/// Little-endian header fields, appended in order.
private struct HeaderBytes {
    var bytes: [UInt8] = []

    mutating func le16(_ value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func le32(_ value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func le64(_ value: UInt64) { Swift.withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
}

/// `pread`, retried when interrupted; the number of bytes read, 0 at the end, negative on error.
func positionalRead(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) -> Int {
    while true {
        let read = pread(descriptor, buffer, count, off_t(offset))
        if read < 0 && errno == EINTR { continue }
        return read
    }
}
