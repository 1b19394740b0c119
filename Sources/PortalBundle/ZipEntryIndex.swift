import Foundation
import PortalContent

#if canImport(Glibc)
import Glibc
#endif

/// The stored entries of an existing ZIP, read from its central directory, so their data can be copied out.
///
/// Built to read back what `ZipWriter` writes, ZIP64 records included; any
/// archive it does not understand, or that looks damaged, gives no index at
/// all, and an entry whose local header disagrees with the central directory
/// gives no data offset. Entry data is trusted, not checksummed: checking it
/// would cost the very read that copying from here saves.
///
/// Nothing changes after `init`, so an index made on one thread may be read on another.
package final class ZipEntryIndex: @unchecked Sendable {
    package struct Entry {
        package var crc: UInt32
        package var size: UInt64
        package var headerOffset: UInt64
        /// The DOS time and date, as the central directory gives them: time in the low half.
        package var dos: UInt32 = 0
    }

    package let descriptor: Int32
    /// The archive file's identity and modification time, as `fstat` gave them on opening.
    package let status: stat
    /// The central directory as read: the entries' names are ranges of it.
    private var directory: [UInt8] = []
    /// Stored entries in the central directory's order, each with where its name is in ``directory``;
    /// directories and compressed entries are left out.
    private var ordered: [(nameStart: Int, nameLength: Int, entry: Entry)] = []
    /// The same entries by name, for an archive whose names are not in strictly increasing byte order
    /// (one `ZipWriter` did not write); nil when they are, and ``entry(named:near:)`` searches ``ordered``.
    /// A name listed twice is left out.
    private var byName: [String: Entry]?
    /// Where the central directory starts: no entry's data may run past it.
    private var dataEnd: UInt64 = 0

    /// How many stored entries ``entry(named:near:)`` can find.
    package var count: Int { byName?.count ?? ordered.count }

    /// Opens and indexes the archive at `path`, or gives nil when there is none or it cannot be read as expected.
    package init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return nil
        }
        self.status = status
        // Failing from here on runs deinit, which closes the file.
        guard readCentralDirectory(fileSize: UInt64(status.st_size)) else { return nil }
    }

    deinit {
        close(descriptor)
    }

    /// Whether a local header of `headerLength` bytes without an extra field, then the entry's data,
    /// fit before the central directory: what a caller copying the entry whole must know first.
    package func holds(_ entry: Entry, headerLength: Int) -> Bool {
        let start = entry.headerOffset + UInt64(headerLength)
        return start <= dataEnd && entry.size <= dataEnd - start
    }

    /// The stored entry named `name` (UTF-8), or nil.
    ///
    /// - Parameter position: where the search starts, for a caller asking for names in increasing order, as the
    ///   bundle does; it is left just past the entry found. Any name may be asked for in any order: one not at
    ///   `position` is searched for in the whole directory.
    package func entry(named name: [UInt8], near position: inout Int) -> Entry? {
        if let byName { return byName[String(decoding: name, as: UTF8.self)] }
        return directory.withUnsafeBufferPointer { directory in
            name.withUnsafeBufferPointer { name in
                func compare(_ index: Int) -> Int {
                    let (start, length) = (ordered[index].nameStart, ordered[index].nameLength)
                    return compareBytes(UnsafeBufferPointer(rebasing: directory[start..<(start + length)]), name)
                }
                if position >= 0, position < ordered.count, compare(position) == 0 {
                    position += 1
                    return ordered[position - 1].entry
                }
                var (low, high) = (0, ordered.count)
                while low < high {
                    let middle = (low + high) / 2
                    let order = compare(middle)
                    if order == 0 {
                        position = middle + 1
                        return ordered[middle].entry
                    }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

    /// The stored entry named `name`, or nil.
    package func entry(named name: String) -> Entry? {
        var position = 0
        return entry(named: Array(name.utf8), near: &position)
    }

    /// Where the data of `entry`, named `name`, starts, once its local header agrees with the central directory.
    package func dataOffset(of entry: Entry, name: [UInt8]) -> UInt64? {
        guard let header = read(count: 30 + name.count, at: entry.headerOffset),
            header.le32(0) == 0x0403_4b50, header.le16(8) == 0, header.le16(6) & 0x0008 == 0,
            header.le32(14) == entry.crc,
            UInt64(header.le32(18)) == min(entry.size, 0xFFFF_FFFF), UInt64(header.le32(22)) == min(entry.size, 0xFFFF_FFFF),
            Int(header.le16(26)) == name.count, header[30...].elementsEqual(name)
        else { return nil }
        let start = entry.headerOffset + 30 + UInt64(name.count) + UInt64(header.le16(28))
        guard start <= dataEnd, entry.size <= dataEnd - start else { return nil }
        return start
    }

    private func readCentralDirectory(fileSize: UInt64) -> Bool {
        guard let (count, directorySize, directoryOffset) = locateDirectory(fileSize: fileSize),
            let directory = read(count: Int(directorySize), at: directoryOffset)
        else { return false }
        dataEnd = directoryOffset
        guard let increasing = indexEntries(of: directory, count: count) else { return false }
        if !increasing { indexByName(directory) }
        self.directory = directory
        return true
    }

    /// The central directory's entry count, size and offset, from the end record (and its ZIP64 form when
    /// the values did not fit); nil when the file is no archive this can read.
    private func locateDirectory(fileSize: UInt64) -> (count: UInt64, size: UInt64, offset: UInt64)? {
        // The end record is the last 22 bytes but for a comment of up to 65,535 bytes.
        let tailSize = min(fileSize, 22 + 0xFFFF)
        guard tailSize >= 22, let tail = read(count: Int(tailSize), at: fileSize - tailSize) else { return nil }
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { at in
            tail.le32(at) == 0x0605_4b50 && at + 22 + Int(tail.le16(at + 20)) == tail.count
        }) else { return nil }
        let endOffset = fileSize - tailSize + UInt64(end)
        var count = UInt64(tail.le16(end + 10))
        var directorySize = UInt64(tail.le32(end + 12))
        var directoryOffset = UInt64(tail.le32(end + 16))
        var directoryLimit = endOffset
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            guard endOffset >= 20, let locator = read(count: 20, at: endOffset - 20), locator.le32(0) == 0x0706_4b50 else {
                return nil
            }
            let recordOffset = locator.le64(8)
            guard endOffset >= 20 + 56, recordOffset <= endOffset - 20 - 56, let record = read(count: 56, at: recordOffset),
                record.le32(0) == 0x0606_4b50
            else { return nil }
            count = record.le64(32)
            directorySize = record.le64(40)
            directoryOffset = record.le64(48)
            directoryLimit = recordOffset
        }
        guard directoryOffset <= directoryLimit, directorySize <= directoryLimit - directoryOffset else { return nil }
        return (count, directorySize, directoryOffset)
    }

    /// Lists every stored file entry of `directory` in ``ordered``; whether their names increase, or nil when
    /// the directory is damaged.
    ///
    /// Names stay bytes of the directory, with no `String` made or hashed per entry: ``ZipWriter`` writes them
    /// sorted, so a lookup walks the list.
    private func indexEntries(of directory: [UInt8], count: UInt64) -> Bool? {
        ordered.reserveCapacity(Int(min(count, UInt64(directory.count) / 46)))
        var increasing = true
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.le32(at) == 0x0201_4b50 else { return nil }
            let nameLength = Int(directory.le16(at + 28))
            let extraLength = Int(directory.le16(at + 30))
            let commentLength = Int(directory.le16(at + 32))
            let nameStart = at + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= directory.count,
                let (size, compressedSize, headerOffset) = Self.sizes(in: directory, entryAt: at, extra: extraStart..<(extraStart + extraLength))
            else { return nil }
            let isFolder = nameLength > 0 && directory[extraStart - 1] == UInt8(ascii: "/")
            if directory.le16(at + 10) == 0, compressedSize == size, !isFolder {
                let entry = Entry(crc: directory.le32(at + 16), size: size, headerOffset: headerOffset, dos: directory.le32(at + 12))
                if increasing, let last = ordered.last {
                    increasing = directory.withUnsafeBufferPointer { bytes in
                        compareBytes(
                            UnsafeBufferPointer(rebasing: bytes[last.nameStart..<(last.nameStart + last.nameLength)]),
                            UnsafeBufferPointer(rebasing: bytes[nameStart..<(nameStart + nameLength)])) < 0
                    }
                }
                ordered.append((nameStart, nameLength, entry))
            }
            at = next
        }
        return increasing
    }

    /// An entry's size, compressed size and header offset, widened from its ZIP64 field where they did not fit.
    private static func sizes(in directory: [UInt8], entryAt at: Int, extra: Range<Int>) -> (UInt64, UInt64, UInt64)? {
        var compressedSize = UInt64(directory.le32(at + 20))
        var size = UInt64(directory.le32(at + 24))
        var headerOffset = UInt64(directory.le32(at + 42))
        if size == 0xFFFF_FFFF || compressedSize == 0xFFFF_FFFF || headerOffset == 0xFFFF_FFFF {
            guard let field64 = zip64Extra(directory[extra]) else { return nil }
            // The ZIP64 field holds only the values that did not fit, in this order.
            var field = field64.lowerBound
            func widened(_ value: UInt64) -> UInt64? {
                guard value == 0xFFFF_FFFF else { return value }
                guard field + 8 <= field64.upperBound else { return nil }
                defer { field += 8 }
                return directory.le64(field)
            }
            guard let wideSize = widened(size), let wideCompressed = widened(compressedSize), let wideOffset = widened(headerOffset)
            else { return nil }
            (size, compressedSize, headerOffset) = (wideSize, wideCompressed, wideOffset)
        }
        return (size, compressedSize, headerOffset)
    }

    /// For an archive whose names are not in order (not one ``ZipWriter`` wrote): a table by name instead of
    /// the ordered list; a name that appears twice is left out, so neither entry is trusted.
    private func indexByName(_ directory: [UInt8]) {
        var table: [String: Entry] = [:]
        var duplicated = Set<String>()
        for (start, length, entry) in ordered {
            let name = String(decoding: directory[start..<(start + length)], as: UTF8.self)
            if table.updateValue(entry, forKey: name) != nil { duplicated.insert(name) }
        }
        for name in duplicated { table[name] = nil }
        byName = table
        ordered = []
    }

    /// The data of the ZIP64 extended-information field (id 1) among `extra`'s fields.
    private static func zip64Extra(_ extra: ArraySlice<UInt8>) -> Range<Int>? {
        var at = extra.startIndex
        while at + 4 <= extra.endIndex {
            let id = extra.le16(at), length = Int(extra.le16(at + 2))
            guard at + 4 + length <= extra.endIndex else { return nil }
            if id == 0x0001 { return (at + 4)..<(at + 4 + length) }
            at += 4 + length
        }
        return nil
    }

    /// Exactly `count` bytes at `offset`, or nil when the file ends first or cannot be read.
    private func read(count: Int, at offset: UInt64) -> [UInt8]? {
        let fileSize = UInt64(status.st_size)
        guard offset <= fileSize, UInt64(count) <= fileSize - offset else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let done = bytes.withUnsafeMutableBytes { buffer -> Int in
            var done = 0
            while done < count {
                let read = positionalRead(descriptor, into: buffer.baseAddress! + done, count: count - done, at: offset + UInt64(done))
                guard read > 0 else { break }
                done += read
            }
            return done
        }
        return done == count ? bytes : nil
    }
}

/// How two byte strings order, as `memcmp` orders them with a prefix first: negative, zero or positive.
///
/// For UTF-8 this is the order of their Unicode scalars, which is `String`'s order for the paths a build writes.
package func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let common = min(a.count, b.count)
    // An empty buffer may have no address.
    if common > 0, case let order = memcmp(a.baseAddress!, b.baseAddress!, common), order != 0 { return Int(order) }
    return a.count - b.count
}

extension Collection<UInt8> where Index == Int {
    /// The little-endian integer at `at`; the caller has checked the bounds.
    fileprivate func le16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    fileprivate func le32(_ at: Int) -> UInt32 { UInt32(le16(at)) | UInt32(le16(at + 2)) << 16 }
    fileprivate func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
}
