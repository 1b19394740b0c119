import Foundation
import PortalContent
import StaffingModel

/// A deterministic ZIP writer: stored or deflated entries, with ZIP64 records when an archive needs them.
///
/// Every entry gets the one DOS timestamp given, no extra fields and Unix modes,
/// so the same entries in the same order always give the same bytes. Headers and
/// small entries collect in one buffer handed to `output` in large pieces: a site
/// has tens of thousands of entries, and a system call per header cost more than
/// the bytes. Our own code because no allowed ZIP library promises byte-identical output.
package final class ZipWriter {
    private struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt64
        var compressedSize: UInt64
        var method: UInt16
        var offset: UInt64
        var isDirectory: Bool
    }

    /// What a single file may weigh: this writer puts sizes in the classic 32-bit fields.
    package static let maximumEntrySize: UInt64 = 0xFFFF_FFFE

    private let output: (UnsafeRawBufferPointer) throws -> Void
    private let dos: (date: UInt16, time: UInt16)
    private var entries: [Entry] = []
    /// Bytes written so far, buffered or not: where the next entry starts.
    private var offset: UInt64 = 0
    private var buffer: [UInt8] = []
    private let bufferSize: Int

    /// - Parameter output: takes the archive's bytes in order; what it throws stops the writer.
    package init(dos: (date: UInt16, time: UInt16), bufferSize: Int = 1 << 20, output: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.output = output
        self.dos = dos
        self.bufferSize = max(bufferSize, 1 << 12)
        buffer.reserveCapacity(self.bufferSize)
    }

    /// Bytes written so far: the archive's size once ``finish()`` has run.
    package var byteCount: UInt64 { offset }

    package func addDirectory(_ name: String) throws {
        let name = Array(name.utf8)
        try appendLocalHeader(Entry(name: name, crc: 0, size: 0, compressedSize: 0, method: 0, offset: offset, isDirectory: true))
    }

    /// Adds a file named by its UTF-8 bytes whose data is `entry` (``Deflater/entry(_:)`` or ``ZipEntryData/stored(_:)``).
    package func addFile(_ name: [UInt8], _ entry: ZipEntryData) throws {
        guard entry.size <= Self.maximumEntrySize, UInt64(entry.data.count) <= Self.maximumEntrySize else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(String(decoding: name, as: UTF8.self)) is over 4 GiB, more than a ZIP entry here holds"])
        }
        try appendLocalHeader(Entry(
            name: name, crc: entry.crc, size: entry.size, compressedSize: UInt64(entry.data.count),
            method: entry.method.rawValue, offset: offset, isDirectory: false))
        try entry.data.withUnsafeBytes { try append($0) }
        offset += UInt64(entry.data.count)
    }

    package func addFile(_ name: String, _ entry: ZipEntryData) throws {
        try addFile(Array(name.utf8), entry)
    }

    private func appendLocalHeader(_ entry: Entry) throws {
        var header = HeaderBytes(capacity: 30 + entry.name.count)
        header.le32(0x0403_4b50)
        header.le16(20)  // version needed: 2.0
        header.le16(0x0800)  // names are UTF-8
        header.le16(entry.method)
        header.le16(dos.time)
        header.le16(dos.date)
        header.le32(entry.crc)
        header.le32(UInt32(entry.compressedSize))
        header.le32(UInt32(entry.size))
        header.le16(UInt16(entry.name.count))
        header.le16(0)
        header.bytes += entry.name
        try header.bytes.withUnsafeBytes { try append($0) }
        entries.append(entry)
        offset += UInt64(header.bytes.count)
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
        offset += directorySize + UInt64(end.bytes.count)
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
        record.le16(entry.method)
        record.le16(dos.time)
        record.le16(dos.date)
        record.le32(entry.crc)
        record.le32(UInt32(entry.compressedSize))
        record.le32(UInt32(entry.size))
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

    /// Buffers `bytes`, or hands them straight on when they would fill the buffer anyway.
    private func append(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.count > bufferSize - buffer.count { try flush() }
        if bytes.count >= bufferSize {
            try output(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try output($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// MS-DOS date and time words; DOS dates start in 1980, so earlier days are clamped to it.
    package static func dosDateTime(_ timestamp: (date: CivilDate, secondsOfDay: Int)) -> (date: UInt16, time: UInt16) {
        let date = timestamp.date
        let year = min(max(date.year, 1980), 2107)
        let dosDate = UInt16((year - 1980) << 9 | date.month << 5 | date.day)
        let seconds = date.year < 1980 ? 0 : timestamp.secondsOfDay
        let dosTime = UInt16((seconds / 3600) << 11 | (seconds / 60 % 60) << 5 | (seconds % 60) / 2)
        return (date.year < 1980 ? 0x21 : dosDate, dosTime)
    }

    /// An archive made in memory: `build` adds the entries, and the finished archive's bytes come back.
    package static func archive(dos: (date: UInt16, time: UInt16), _ build: (ZipWriter) throws -> Void) rethrows -> [UInt8] {
        var bytes: [UInt8] = []
        let writer = ZipWriter(dos: dos, bufferSize: 1 << 16) { bytes.append(contentsOf: $0) }
        try build(writer)
        // Appending to memory cannot fail.
        try! writer.finish()
        return bytes
    }
}

/// Little-endian header fields, appended in order.
///
/// A byte at a time into room reserved up front, so that no field allocates: the central directory
/// writes one record per entry.
private struct HeaderBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    mutating func le16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func le32(_ value: UInt32) {
        le16(UInt16(truncatingIfNeeded: value))
        le16(UInt16(truncatingIfNeeded: value >> 16))
    }

    mutating func le64(_ value: UInt64) {
        le32(UInt32(truncatingIfNeeded: value))
        le32(UInt32(truncatingIfNeeded: value >> 32))
    }
}
