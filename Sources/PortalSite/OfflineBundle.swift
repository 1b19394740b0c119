import Foundation
import StaffingModel

/// The offline bundle: one ZIP of the whole built site that works after extraction, opened from disk.
///
/// Entries are stored uncompressed under `consultation-portal/`, in sorted
/// path order, all with one timestamp (from `SOURCE_DATE_EPOCH`, else the
/// newest content date), so the same content always gives the same bytes.
/// The archive is streamed to disk one file at a time; ZIP64 records are
/// added only when a site outgrows the classic 65,535-entry or 4 GiB limits.
enum OfflineBundle {
    /// Where the bundle lands in the output, linked from the home page.
    static let fileName = "consultation-portal-offline.zip"
    /// The folder the archive extracts into.
    static let folder = "consultation-portal"
    /// HTML between these markers is left out of the bundled copy (the link to the bundle itself).
    static let onlineOnlyStart = "<!--offline-bundle-->"
    static let onlineOnlyEnd = "<!--/offline-bundle-->"

    /// Zips every file under `directory` (except the bundle) into `directory/fileName`.
    static func write(from directory: URL, timestamp: (date: CivilDate, secondsOfDay: Int)) throws {
        let files = (FileManager.default.subpaths(atPath: directory.path) ?? [])
            .filter { path in
                var isDirectory: ObjCBool = false
                return path != fileName
                    && FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }
            .sorted()
        let target = directory.appendingPathComponent(fileName)
        guard FileManager.default.createFile(atPath: target.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        let handle = try FileHandle(forWritingTo: target)
        defer { try? handle.close() }
        var writer = ZipWriter(handle: handle, dos: dosDateTime(timestamp))
        try writer.addDirectory(folder + "/")
        var folders = Set<String>()
        for path in files {
            let parts = path.split(separator: "/")
            for depth in stride(from: 1, to: parts.count, by: 1) {
                let name = parts[..<depth].joined(separator: "/")
                if folders.insert(name).inserted { try writer.addDirectory("\(folder)/\(name)/") }
            }
            var data = try Data(contentsOf: directory.appendingPathComponent(path))
            if path.hasSuffix(".html") { data = withoutOnlineOnlyParts(data) }
            try writer.addFile("\(folder)/\(path)", data: data)
        }
        try writer.finish()
    }

    /// The bundle's timestamp: `SOURCE_DATE_EPOCH` when set, else midnight UTC of the newest content date.
    static func timestamp(newestContentDate: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (date: CivilDate, secondsOfDay: Int)
    {
        if let seconds = BuildDate.sourceDateEpoch(environment) {
            return (BuildDate.day(ofSeconds: seconds), seconds % 86_400)
        }
        return (CivilDate(newestContentDate) ?? CivilDate(year: 1980, month: 1, day: 1)!, 0)
    }

    static func withoutOnlineOnlyParts(_ data: Data) -> Data {
        var data = data
        let start = Data(onlineOnlyStart.utf8), end = Data(onlineOnlyEnd.utf8)
        while let open = data.range(of: start), let close = data.range(of: end, in: open.upperBound..<data.endIndex) {
            data.replaceSubrange(open.lowerBound..<close.upperBound, with: Data())
        }
        return data
    }

    /// MS-DOS date and time words; DOS dates start in 1980, so earlier days are clamped to it.
    static func dosDateTime(_ timestamp: (date: CivilDate, secondsOfDay: Int)) -> (date: UInt16, time: UInt16) {
        let date = timestamp.date
        let year = min(max(date.year, 1980), 2107)
        let dosDate = UInt16((year - 1980) << 9 | date.month << 5 | date.day)
        let seconds = date.year < 1980 ? 0 : timestamp.secondsOfDay
        let dosTime = UInt16((seconds / 3600) << 11 | (seconds / 60 % 60) << 5 | (seconds % 60) / 2)
        return (date.year < 1980 ? 0x21 : dosDate, dosTime)
    }
}

/// A minimal writer of stored (uncompressed) ZIP entries, with ZIP64 records when needed.
struct ZipWriter {
    private struct Entry {
        var name: Data
        var crc: UInt32
        var size: UInt64
        var offset: UInt64
        var isDirectory: Bool
    }

    let handle: FileHandle
    let dos: (date: UInt16, time: UInt16)
    private var entries: [Entry] = []
    private var offset: UInt64 = 0

    init(handle: FileHandle, dos: (date: UInt16, time: UInt16)) {
        self.handle = handle
        self.dos = dos
    }

    mutating func addDirectory(_ name: String) throws {
        try add(name, data: Data(), isDirectory: true)
    }

    mutating func addFile(_ name: String, data: Data) throws {
        try add(name, data: data, isDirectory: false)
    }

    private mutating func add(_ name: String, data: Data, isDirectory: Bool) throws {
        let nameData = Data(name.utf8)
        let crc = CRC32.checksum(data)
        var header = Data()
        header.le32(0x0403_4b50)
        header.le16(20)  // version needed: 2.0
        header.le16(0x0800)  // names are UTF-8
        header.le16(0)  // stored
        header.le16(dos.time)
        header.le16(dos.date)
        header.le32(crc)
        header.le32(UInt32(clamping: data.count))
        header.le32(UInt32(clamping: data.count))
        header.le16(UInt16(nameData.count))
        header.le16(0)
        header.append(nameData)
        try handle.write(contentsOf: header)
        try handle.write(contentsOf: data)
        entries.append(Entry(name: nameData, crc: crc, size: UInt64(data.count), offset: offset, isDirectory: isDirectory))
        offset += UInt64(header.count + data.count)
    }

    mutating func finish() throws {
        let directoryOffset = offset
        var directory = Data()
        for entry in entries {
            let needs64 = entry.offset >= 0xFFFF_FFFF
            directory.le32(0x0201_4b50)
            directory.le16(0x0314)  // made by: Unix, 2.0
            directory.le16(needs64 ? 45 : 20)
            directory.le16(0x0800)
            directory.le16(0)
            directory.le16(dos.time)
            directory.le16(dos.date)
            directory.le32(entry.crc)
            directory.le32(UInt32(clamping: entry.size))
            directory.le32(UInt32(clamping: entry.size))
            directory.le16(UInt16(entry.name.count))
            directory.le16(needs64 ? 12 : 0)
            directory.le16(0)  // comment
            directory.le16(0)  // disk
            directory.le16(0)  // internal attributes
            // Unix mode in the high half; 0x10 marks a folder for DOS tools.
            directory.le32(entry.isDirectory ? (0o40755 << 16 | 0x10) : 0o100644 << 16)
            directory.le32(needs64 ? 0xFFFF_FFFF : UInt32(entry.offset))
            directory.append(entry.name)
            if needs64 {
                directory.le16(0x0001)
                directory.le16(8)
                directory.le64(entry.offset)
            }
        }
        try handle.write(contentsOf: directory)
        let directorySize = UInt64(directory.count)
        let count = UInt64(entries.count)
        var end = Data()
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
        try handle.write(contentsOf: end)
    }
}

/// The CRC-32 (IEEE 802.3) checksum ZIP entries carry.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        data.withUnsafeBytes { bytes in
            table.withUnsafeBufferPointer { table in
                for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    fileprivate mutating func le16(_ value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    fileprivate mutating func le32(_ value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    fileprivate mutating func le64(_ value: UInt64) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
