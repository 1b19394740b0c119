import Foundation
import PortalContent
import PortalOutput

#if canImport(Glibc)
import Glibc
#endif

/// A minimal writer of stored (uncompressed) ZIP entries, with ZIP64 records when needed.
///
/// Headers and small entries collect in one buffer that goes to the file in
/// large writes: a site has tens of thousands of entries, and a system call
/// per header cost more than the bytes. The caller owns `descriptor`.
package final class ZipWriter {
    private struct Entry {
        package var name: [UInt8]
        package var crc: UInt32
        package var size: UInt64
        package var offset: UInt64
        package var isDirectory: Bool
    }

    private let descriptor: Int32
    private let dos: (date: UInt16, time: UInt16)
    private var entries: [Entry] = []
    /// Bytes written so far, buffered or not: where the next entry starts.
    private var offset: UInt64 = 0
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    /// Consecutive entries of another archive still to be copied as they are: the source and the byte range.
    private var pendingCopy: (source: Int32, start: UInt64, end: UInt64)?
    /// Bytes of entries already in the file where they belong (``skipEntryInPlace(_:crc:size:)``), still to seek past.
    private var pendingSkip: UInt64 = 0

    /// Where the next entry's local header goes.
    package var nextOffset: UInt64 { offset }
    /// The DOS time and date every entry gets, as a central directory holds them: time in the low half.
    package var dosStamp: UInt32 { UInt32(dos.date) << 16 | UInt32(dos.time) }

    package init(descriptor: Int32, dos: (date: UInt16, time: UInt16), bufferSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.dos = dos
        buffer = .allocate(byteCount: max(bufferSize, 1 << 17), alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    package func addDirectory(_ name: String) throws {
        try appendLocalHeader(Array(name.utf8), crc: 0, size: 0, isDirectory: true)
    }

    package func addFile(_ name: String, data: Data) throws {
        try addFile(Array(name.utf8), data: data)
    }

    /// Adds a file named by its UTF-8 bytes, as every method below is: the bundle has them already.
    package func addFile(_ name: [UInt8], data: Data) throws {
        try data.withUnsafeBytes { try addFile(name, bytes: $0) }
    }

    package func addFile(_ name: [UInt8], bytes: UnsafeRawBufferPointer) throws {
        try appendLocalHeader(name, crc: CRC32.checksum(bytes), size: UInt64(bytes.count), isDirectory: false)
        try append(bytes)
        offset += UInt64(bytes.count)
    }

    /// Adds a file whose `size` stored bytes, with checksum `crc`, are copied from `source` at `sourceOffset`.
    ///
    /// Throws when `source` ends early; the archive is then unusable.
    package func addFile(_ name: [UInt8], crc: UInt32, size: UInt64, copyingFrom source: Int32, at sourceOffset: UInt64) throws {
        try appendLocalHeader(name, crc: crc, size: size, isDirectory: false)
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

    /// Adds a file by copying its local header and data as they are from `source`, an archive whose entry
    /// starts at `headerOffset` there, when that header is byte for byte the one this writer would write;
    /// returns false, adding nothing, when it is not.
    ///
    /// Runs of such entries that follow one another in `source` are copied with one
    /// `copy_file_range`, which the kernel does without passing the bytes through this process:
    /// a rebuild otherwise spent most of its time copying an unchanged bundle through a buffer.
    package func addFileCopyingEntry(_ nameBytes: [UInt8], crc: UInt32, size: UInt64, from source: Int32, headerOffset: UInt64) throws -> Bool {
        let header = localHeader(nameBytes, crc: crc, size: size)
        var existing = [UInt8](repeating: 0, count: header.count)
        let read = existing.withUnsafeMutableBytes { positionalRead(source, into: $0.baseAddress!, count: header.count, at: headerOffset) }
        guard read == header.count, existing == header else { return false }
        let end = headerOffset + UInt64(header.count) + size
        if let pending = pendingCopy, pending.source == source, pending.end == headerOffset {
            pendingCopy?.end = end
        } else {
            try copyPending()
            pendingCopy = (source, headerOffset, end)
        }
        entries.append(Entry(name: nameBytes, crc: crc, size: size, offset: offset, isDirectory: false))
        offset += UInt64(header.count) + size
        return true
    }

    /// Adds a file whose local header and data are already in the file at ``nextOffset``, exactly as this writer
    /// would write them (an archive written over the one it replaces), and moves past them without writing.
    package func skipEntryInPlace(_ name: [UInt8], crc: UInt32, size: UInt64) throws {
        // What comes before the skipped bytes goes to the file first.
        try copyPending()
        try flush()
        let length = UInt64(30 + name.count) + size
        pendingSkip += length
        entries.append(Entry(name: name, crc: crc, size: size, offset: offset, isDirectory: false))
        offset += length
    }

    /// Writes what is buffered, then copies the pending run of entries.
    private func copyPending() throws {
        guard let pending = pendingCopy else { return }
        pendingCopy = nil
        try flush()
        // The copy writes at the descriptor's offset, so entries skipped before it must be passed first.
        try seekPastSkipped()
        var position = Int64(pending.start)
        var remaining = pending.end - pending.start
        if let copyFileRange = Self.copyFileRange {
            while remaining > 0 {
                let copied = copyFileRange(pending.source, &position, descriptor, nil, Int(min(remaining, 1 << 30)), 0)
                if copied > 0 {
                    remaining -= UInt64(copied)
                } else if copied == 0 {
                    throw CocoaError(.fileReadCorruptFile)
                } else if errno != EINTR {
                    break  // Not supported here (another file system, an old kernel): copy through the buffer.
                }
            }
        }
        while remaining > 0 {
            let read = positionalRead(pending.source, into: buffer.baseAddress!, count: Int(min(remaining, UInt64(buffer.count))), at: UInt64(position))
            guard read > 0 else { throw CocoaError(.fileReadCorruptFile) }
            try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<read]))
            remaining -= UInt64(read)
            position += Int64(read)
        }
    }

    private typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int

    /// Glibc's module map hides `copy_file_range` (it needs _GNU_SOURCE), so it is looked up at run time.
    private static let copyFileRange: CopyFileRange? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "copy_file_range") else { return nil }
        return unsafeBitCast(symbol, to: CopyFileRange.self)
        #else
        return nil
        #endif
    }()

    private func localHeader(_ name: [UInt8], crc: UInt32, size: UInt64) -> [UInt8] {
        var header = HeaderBytes(capacity: 30 + name.count)
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
        return header.bytes
    }

    private func appendLocalHeader(_ name: [UInt8], crc: UInt32, size: UInt64, isDirectory: Bool) throws {
        let header = localHeader(name, crc: crc, size: size)
        try header.withUnsafeBytes { try append($0) }
        entries.append(Entry(name: name, crc: crc, size: size, offset: offset, isDirectory: isDirectory))
        offset += UInt64(header.count)
    }

    /// Writes the central directory and its end records, then everything still buffered.
    package func finish() throws {
        let directoryOffset = offset
        var directorySize: UInt64 = 0
        // One record's room, used again for every entry.
        var record = HeaderBytes(capacity: 1024)
        for entry in entries {
            directoryRecord(entry, into: &record)
            try record.bytes.withUnsafeBytes { try append($0) }
            directorySize += UInt64(record.bytes.count)
        }
        let end = endRecords(count: UInt64(entries.count), directoryOffset: directoryOffset, directorySize: directorySize)
        try end.bytes.withUnsafeBytes { try append($0) }
        try copyPending()
        try flush()
    }

    /// `entry`'s central directory record, written into `record` (emptied first, its room kept).
    private func directoryRecord(_ entry: Entry, into record: inout HeaderBytes) {
        let needs64 = entry.offset >= 0xFFFF_FFFF
        record.bytes.removeAll(keepingCapacity: true)
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
    }

    /// The end of central directory record, preceded by its ZIP64 record and locator when a value does not fit.
    private func endRecords(count: UInt64, directoryOffset: UInt64, directorySize: UInt64) -> HeaderBytes {
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
        return end
    }

    /// Buffers `bytes`, or writes them straight through when they would fill the buffer anyway.
    private func append(_ bytes: UnsafeRawBufferPointer) throws {
        if pendingCopy != nil { try copyPending() }
        if bytes.count > buffer.count - buffered { try flush() }
        if bytes.count >= buffer.count {
            try writeAll(bytes)
        } else if bytes.count > 0 {
            (buffer.baseAddress! + buffered).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            buffered += bytes.count
        }
    }

    private func flush() throws {
        // Nothing to write: a run of entries skipped in place then costs one seek, not one each.
        guard buffered > 0 else { return }
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<buffered]))
        buffered = 0
    }

    /// Every write goes through here, and every copy through ``seekPastSkipped()``, so skipped bytes stay where they are.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        try seekPastSkipped()
        guard POSIXFile.writeAll(descriptor, bytes) else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Moves the descriptor past the entries skipped in place since the last write.
    private func seekPastSkipped() throws {
        guard pendingSkip > 0 else { return }
        guard lseek(descriptor, off_t(pendingSkip), SEEK_CUR) >= 0 else { throw CocoaError(.fileWriteUnknown) }
        pendingSkip = 0
    }
}

/// Little-endian header fields, appended in order.
///
/// A byte at a time into room reserved up front, so that no field allocates: the central directory
/// writes one record per entry.
private struct HeaderBytes {
    package var bytes: [UInt8] = []

    package init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func le16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    package mutating func le32(_ value: UInt32) {
        le16(UInt16(truncatingIfNeeded: value))
        le16(UInt16(truncatingIfNeeded: value >> 16))
    }

    package mutating func le64(_ value: UInt64) {
        le32(UInt32(truncatingIfNeeded: value))
        le32(UInt32(truncatingIfNeeded: value >> 32))
    }
}

/// `pread`, retried when interrupted; the number of bytes read, 0 at the end, negative on error.
package func positionalRead(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) -> Int {
    while true {
        let read = pread(descriptor, buffer, count, off_t(offset))
        if read < 0 && errno == EINTR { continue }
        return read
    }
}
