import Foundation
import PortalContent
import PortalOutput
import PortalRender
import PortalWork
import StaffingModel

#if canImport(Glibc)
import Glibc
#endif

/// The offline bundle: one ZIP of the whole built site that works after extraction, opened from disk.
///
/// Entries are stored uncompressed under `consultation-portal/`, in sorted
/// path order, all with one timestamp (from `SOURCE_DATE_EPOCH`, else the
/// newest content date), so the same content always gives the same bytes.
/// The archive is streamed to disk one file at a time; ZIP64 records are
/// added only when a site outgrows the classic 65,535-entry or 4 GiB limits.
package enum OfflineBundle {
    /// Where the bundle lands in the output, linked from the home page.
    package static let fileName = SitePath.offlineBundle
    /// The folder the archive extracts into.
    package static let folder = "consultation-portal"
    /// HTML between these markers is left out of the bundled copy (the link to the bundle itself).
    package static let onlineOnlyStart = "<!--offline-bundle-->"
    package static let onlineOnlyEnd = "<!--/offline-bundle-->"

    /// Zips every file under `directory` (except the bundle) into `directory/fileName`.
    ///
    /// With `previous`, the previous build's output folder, a file that is the
    /// very file (same inode) at the same path there, as a page the build
    /// reused and hard-linked is, takes its checksum and stored bytes from the
    /// previous bundle instead of being read again; anything else, or a
    /// previous bundle that is missing or unreadable, is read from `directory`.
    /// Either way the archive has the same bytes. Returns how many files came from the previous bundle.
    ///
    /// - Parameters:
    ///   - files: every file in `directory` but the bundle, when the caller knows them (the build does);
    ///     listed and checked one by one otherwise.
    ///   - unchanged: files the caller knows are the previous build's very files, untouched since that
    ///     build wrote them and its bundle (``PageMemo`` checked their sizes and times): their entries
    ///     are taken from the previous bundle without looking at the files again.
    ///   - record: where to keep a ``Record`` of this bundle for the next build, and where the last one is.
    ///     With it, an entry already in place in the bundle written over is left there unwritten.
    @discardableResult
    package static func write(
        from directory: URL, timestamp: (date: CivilDate, secondsOfDay: Int), previous: URL? = nil,
        files known: [String]? = nil, unchanged: Set<String> = [], record: URL? = nil
    ) throws -> Outcome {
        if let known {
            return try write(
                from: directory, timestamp: timestamp, previous: previous,
                listed: known.map { (path: $0, isUnchanged: unchanged.contains($0)) }, record: record)
        }
        let files = stagedFiles(in: directory.path).map { (path: $0.path, isUnchanged: unchanged.contains($0.path), status: $0.status) }
        return try write(root: directory.path, files: files, timestamp: timestamp, previous: previous, record: record)
    }

    /// Zips the files `listed`, each with whether it is unchanged, as
    /// ``write(from:timestamp:previous:files:unchanged:record:)`` zips `files` with those in `unchanged`.
    ///
    /// The build's form: each page it took knows whether it was reused, so no set of every page's name is made or searched.
    @discardableResult
    package static func write(
        from directory: URL, timestamp: (date: CivilDate, secondsOfDay: Int), previous: URL? = nil,
        listed: [(path: String, isUnchanged: Bool)], record: URL? = nil
    ) throws -> Outcome {
        let root = directory.path
        // Files the caller vouches for get no status: they are never read unless their entry is missing.
        let files = listed.sorted { $0.path < $1.path }.map { file in
            (path: file.path, isUnchanged: file.isUnchanged, status: file.isUnchanged ? nil : status(root + "/" + file.path))
        }
        return try write(root: root, files: files, timestamp: timestamp, previous: previous, record: record)
    }

    private static func write(
        root: String, files: [(path: String, isUnchanged: Bool, status: stat?)], timestamp: (date: CivilDate, secondsOfDay: Int),
        previous: URL?, record: URL?
    ) throws -> Outcome {
        let target = root + "/" + fileName
        let sources = try Sources(target: target, previous: previous, record: record)
        let descriptor = open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        let entries = EntryWriter(
            writer: ZipWriter(descriptor: descriptor, dos: dosDateTime(timestamp)), root: root, sources: sources)
        try entries.writer.addDirectory(folder + "/")
        for (path, isUnchanged, status) in files {
            try entries.add(path, isUnchanged: isUnchanged, status: status)
        }
        try entries.writer.finish()
        // Whatever the file held beyond the new archive goes.
        let length = lseek(descriptor, 0, SEEK_CUR)
        guard length >= 0, ftruncate(descriptor, length) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        var written = stat()
        let identified = fstat(descriptor, &written) == 0
        closed = true
        guard close(descriptor) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        if let record {
            // Without a record the next build copies every entry, as it always did; so a failure here costs only time.
            if identified {
                try? Record(
                    previous: sources.reuse.map { FileStamp($0.archive.status) }, written: FileStamp(written),
                    rewritten: Set(entries.rewritten.map { String(decoding: $0, as: UTF8.self) })
                ).save(to: record)
            } else {
                try? FileManager.default.removeItem(at: record)
            }
        }
        return Outcome(reused: entries.reused, keptInPlace: entries.keptInPlace)
    }

    /// The archives a bundle's entries may come from: the previous build's bundle, and the bundle already
    /// at the target, written over in place.
    private struct Sources {
        /// The previous bundle, when its entries may be copied without reading their data again.
        let reuse: (folder: String, archive: ZipEntryIndex)?
        /// The bundle written over, when its entries may stay where they are, with the names whose bytes may differ.
        let inPlace: (archive: ZipEntryIndex, rewritten: SortedNames)?

        init(target: String, previous: URL?, record: URL?) throws {
            // The bundle at the target is indexed on another core while the previous one is indexed here.
            let targetReading = BackgroundWork { ZipEntryIndex(path: target) }
            let previousBundle = previous.flatMap { folder in
                ZipEntryIndex(path: folder.path + "/" + fileName).map { (folder: folder.path, archive: $0) }
            }
            let last = record.flatMap(Record.read)
            // Entries are copied from the previous bundle without reading their data again. Where records are kept,
            // that bundle must be the one the last build recorded writing: one changed since (a `zip -u` in the
            // output, say) would carry its changes into this one.
            let reuse = previousBundle.flatMap { bundle in
                record == nil || last?.written == FileStamp(bundle.archive.status) ? bundle : nil
            }
            self.reuse = reuse
            let targetArchive = targetReading.result()
            let existing = Self.targetToWriteOver(target, previous: previousBundle?.archive)
            // The bundle written over is the one before last when the record says so: the previous bundle was made
            // from it, and both are as that build left them. Its entries that the previous build copied whole, and
            // that this build copies whole again, are already in it; where one is at the offset it goes to now, it
            // is left there instead of copied.
            if let last, reuse != nil, let existing, last.previous == FileStamp(existing),
                let archive = targetArchive, FileStamp(archive.status) == FileStamp(existing)
            {
                inPlace = (archive, SortedNames(last.rewritten.map { Array($0.utf8) }))
            } else {
                inPlace = nil
            }
        }

        /// The status of the file at `target` when it may be written over in place; nil when there is none.
        ///
        /// A bundle already at the target (the recycled staging folder keeps the one before last) is written over
        /// in place and cut to length at the end, which costs the kernel less than allocating a new file while the
        /// old one's pages are freed. A file that another name shares, as the archive this copies from would, is
        /// unlinked first instead, and so is anything but a regular file.
        private static func targetToWriteOver(_ target: String, previous: ZipEntryIndex?) -> stat? {
            var existing = stat()
            guard lstat(target, &existing) == 0 else { return nil }
            let isPrevious = previous.map { existing.st_dev == $0.status.st_dev && existing.st_ino == $0.status.st_ino } == true
            if (existing.st_mode & S_IFMT) != S_IFREG || existing.st_nlink > 1 || isPrevious {
                unlink(target)
                return nil
            }
            return existing
        }
    }

    /// Adds the bundle's entries one file at a time, from the cheapest source that holds the file's bytes.
    private final class EntryWriter {
        let writer: ZipWriter
        let root: String
        let sources: Sources
        private let contents = FileContents()
        private var folders = Set<String>()
        /// Files come sorted, so most share the previous file's folder; that one's parents are all listed already.
        private var previousFolder: Substring = ""
        /// Names are asked for in the order both archives hold them: each lookup starts where the last one ended.
        private var reusePosition = 0, inPlacePosition = 0, rewrittenPosition = 0
        private let prefix = Array("\(folder)/".utf8)
        /// Entries not copied whole from the previous bundle: their bytes may differ from it.
        private(set) var rewritten: [[UInt8]] = []
        private(set) var reused = 0
        private(set) var keptInPlace = 0

        init(writer: ZipWriter, root: String, sources: Sources) {
            self.writer = writer
            self.root = root
            self.sources = sources
        }

        /// Adds the file at `path` (relative to the root), and the folders on its way that are not in yet.
        func add(_ path: String, isUnchanged: Bool, status: stat?) throws {
            try addFolders(of: path)
            // The entry's name as bytes, which is all the lookups and the writer need.
            var name = prefix
            name.reserveCapacity(prefix.count + path.utf8.count)
            name.append(contentsOf: path.utf8)
            if isUnchanged, try addUnchanged(name) { return }
            if let status, try addReusable(name, path: path, status: status) { return }
            rewritten.append(name)
            try contents.read(root + "/" + path, sizeHint: status.map { Int($0.st_size) } ?? 0)
            if path.hasSuffix(".html"), contents.contains(onlineOnlyStart) {
                try writer.addFile(name, data: withoutOnlineOnlyParts(contents.data))
            } else {
                try contents.withBytes { try writer.addFile(name, bytes: $0) }
            }
        }

        private func addFolders(of path: String) throws {
            let fileFolder = OfflineBundle.folder(of: path)
            guard fileFolder != previousFolder else { return }
            let parts = path.split(separator: "/")
            for depth in stride(from: 1, to: parts.count, by: 1) {
                let name = parts[..<depth].joined(separator: "/")
                if folders.insert(name).inserted { try writer.addDirectory("\(folder)/\(name)/") }
            }
            previousFolder = fileFolder
        }

        /// A file the build vouches for as the previous build's: its entry is left in place, copied whole, or
        /// its data copied; false when the previous bundle does not hold it.
        private func addUnchanged(_ name: [UInt8]) throws -> Bool {
            guard let reuse = sources.reuse, let entry = reuse.archive.entry(named: name, near: &reusePosition) else { return false }
            if let inPlace = sources.inPlace, !inPlace.rewritten.contains(name, near: &rewrittenPosition),
                let here = inPlace.archive.entry(named: name, near: &inPlacePosition),
                here.headerOffset == writer.nextOffset, here.crc == entry.crc, here.size == entry.size,
                here.dos == writer.dosStamp, inPlace.archive.holds(here, headerLength: 30 + name.count)
            {
                try writer.skipEntryInPlace(name, crc: entry.crc, size: entry.size)
                reused += 1
                keptInPlace += 1
                return true
            }
            // The header comparison in addFileCopyingEntry checks all that dataOffset(of:) would.
            if reuse.archive.holds(entry, headerLength: 30 + name.count),
                try writer.addFileCopyingEntry(name, crc: entry.crc, size: entry.size, from: reuse.archive.descriptor, headerOffset: entry.headerOffset)
            {
                reused += 1
                return true
            }
            if let dataOffset = reuse.archive.dataOffset(of: entry, name: name) {
                try writer.addFile(name, crc: entry.crc, size: entry.size, copyingFrom: reuse.archive.descriptor, at: dataOffset)
                rewritten.append(name)
                reused += 1
                return true
            }
            return false
        }

        /// A file whose size and time say it is the one the previous bundle holds; false when it is not.
        private func addReusable(_ name: [UInt8], path: String, status: stat) throws -> Bool {
            guard let reuse = sources.reuse,
                let entry = reusableEntry(name: name, path: path, status: status, previous: reuse, near: &reusePosition)
            else { return false }
            if try !writer.addFileCopyingEntry(name, crc: entry.crc, size: entry.size, from: reuse.archive.descriptor, headerOffset: entry.headerOffset) {
                try writer.addFile(name, crc: entry.crc, size: entry.size, copyingFrom: reuse.archive.descriptor, at: entry.dataOffset)
                rewritten.append(name)
            }
            reused += 1
            return true
        }
    }

    /// The part of `path` before its last slash; empty when it has none.
    ///
    /// Over the UTF-8 bytes in place, with no index arithmetic on the string's views: it runs for every file.
    package static func folder(of path: String) -> Substring {
        let slash = path.utf8.withContiguousStorageIfAvailable { bytes in bytes.lastIndex(of: UInt8(ascii: "/")) }
            ?? path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.utf8.distance(from: path.utf8.startIndex, to: $0) }
        guard let slash else { return "" }
        return path[..<path.utf8.index(path.utf8.startIndex, offsetBy: slash)]
    }

    /// What ``write(from:timestamp:previous:files:unchanged:record:)`` did.
    package struct Outcome: Equatable {
        /// Files whose entries came from the previous bundle.
        package var reused: Int
        /// Of those, entries left where they were in the bundle written over.
        package var keptInPlace: Int
    }

    /// What the next build needs to know of a bundle to leave entries in place when it writes over it.
    package struct Record: Equatable {
        /// The bundle this one was made from, if any.
        package var previous: FileStamp?
        /// This bundle, as it was when finished.
        package var written: FileStamp
        /// Its file entries that were not copied whole from `previous`: their bytes there may differ.
        package var rewritten: Set<String>

        package static func read(_ url: URL) -> Record? {
            guard var reader = CacheFile.read(url, tag: "PBUN") else { return nil }
            do {
                let previous: FileStamp? = try reader.optional()
                let record = Record(previous: previous, written: try reader.read(), rewritten: Set(try reader.strings()))
                return reader.isAtEnd ? record : nil
            } catch {
                return nil
            }
        }

        package func save(to url: URL) throws {
            var writer = CacheFile.writer(tag: "PBUN", capacity: 64 * rewritten.count + 128)
            writer.write(previous)
            writer.write(written)
            writer.write(rewritten.sorted())
            try CacheFile.replace(url, with: writer.bytes)
        }
    }

    /// Every file under `root` but the bundle, in sorted order, with its `stat` when it has one.
    ///
    /// Symbolic links count as what they point to; a broken one is listed without
    /// a status, so that reading it fails the build as before.
    private static func stagedFiles(in root: String) -> [(path: String, status: stat?)] {
        (FileManager.default.subpaths(atPath: root) ?? []).sorted().compactMap { path in
            guard path != fileName else { return nil }
            if let status = status(root + "/" + path) {
                return status.st_mode & S_IFMT == S_IFDIR ? nil : (path, status)
            }
            var link = stat()
            return lstat(root + "/" + path, &link) == 0 ? (path, nil) : nil
        }
    }

    /// The previous bundle's entry for `path`, and where its data starts, when the staged file is
    /// the file that entry was made from and nothing says otherwise.
    private static func reusableEntry(
        name: [UInt8], path: String, status: stat, previous: (folder: String, archive: ZipEntryIndex), near position: inout Int
    ) -> (crc: UInt32, size: UInt64, headerOffset: UInt64, dataOffset: UInt64)? {
        guard let entry = previous.archive.entry(named: name, near: &position), let old = Self.status(previous.folder + "/" + path),
            old.st_dev == status.st_dev, old.st_ino == status.st_ino
        else { return nil }
        // HTML loses its online-only part in the bundle; every other file is stored as it is.
        let fileSize = UInt64(status.st_size)
        guard path.hasSuffix(".html") ? entry.size <= fileSize : entry.size == fileSize else { return nil }
        // A file changed in place after the previous bundle was written is read again.
        let bundleTime = previous.archive.status.st_mtim, fileTime = status.st_mtim
        guard (fileTime.tv_sec, fileTime.tv_nsec) <= (bundleTime.tv_sec, bundleTime.tv_nsec) else { return nil }
        guard let dataOffset = previous.archive.dataOffset(of: entry, name: name) else { return nil }
        return (entry.crc, entry.size, entry.headerOffset, dataOffset)
    }

    /// `stat` of `path`, following symbolic links, or nil when it fails.
    private static func status(_ path: String) -> stat? {
        var status = stat()
        return stat(path, &status) == 0 ? status : nil
    }

    /// The bundle's timestamp: `SOURCE_DATE_EPOCH` when set, else midnight UTC of the newest content date.
    package static func timestamp(newestContentDate: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (date: CivilDate, secondsOfDay: Int)
    {
        if let seconds = BuildDate.sourceDateEpoch(environment) {
            return (BuildDate.day(ofSeconds: seconds), seconds % 86_400)
        }
        return (CivilDate(newestContentDate) ?? CivilDate(year: 1980, month: 1, day: 1)!, 0)
    }

    package static func withoutOnlineOnlyParts(_ data: Data) -> Data {
        var data = data
        let start = Data(onlineOnlyStart.utf8), end = Data(onlineOnlyEnd.utf8)
        while let open = data.range(of: start), let close = data.range(of: end, in: open.upperBound..<data.endIndex) {
            data.replaceSubrange(open.lowerBound..<close.upperBound, with: Data())
        }
        return data
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
}

/// Names as UTF-8 bytes, sorted by ``compareBytes(_:_:)``, for asking whether one is among them.
///
/// The bundle asks for names in increasing order, so a search first looks where the last one ended; a name
/// asked for out of order is searched for among all of them, so the answer never depends on the order.
package struct SortedNames {
    private let names: [[UInt8]]

    package init(_ names: [[UInt8]]) {
        self.names = names.sorted { a, b in
            a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in compareBytes(a, b) < 0 } }
        }
    }

    /// Whether `name` is one of the names; `position` is where the last search ended, and where this one ends.
    package func contains(_ name: [UInt8], near position: inout Int) -> Bool {
        guard !names.isEmpty else { return false }
        func compare(_ index: Int) -> Int {
            names[index].withUnsafeBufferPointer { stored in
                name.withUnsafeBufferPointer { name in compareBytes(stored, name) }
            }
        }
        // Where `name` would go: every name before `position` is smaller, and the one at it is not.
        if position < 0 || position > names.count || (position > 0 && compare(position - 1) >= 0)
            || (position < names.count && compare(position) < 0)
        {
            var (low, high) = (0, names.count)
            while low < high {
                let middle = (low + high) / 2
                if compare(middle) < 0 { low = middle + 1 } else { high = middle }
            }
            position = low
        }
        return position < names.count && compare(position) == 0
    }
}

/// One file's bytes at a time, read into a buffer that is reused from file to file.
private final class FileContents {
    private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    private var count = 0

    deinit {
        buffer.deallocate()
    }

    /// Reads the whole of `path`; `sizeHint` is the size it is expected to have.
    package func read(_ path: String, sizeHint: Int) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        count = 0
        // One byte more than expected, so that the end shows without a second pass when the size was right.
        if buffer.count < sizeHint + 1 { grow(to: sizeHint + 1) }
        while true {
            if count == buffer.count { grow(to: buffer.count * 2) }
            let done = readBytes(descriptor, buffer.baseAddress! + count, buffer.count - count)
            if done < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            if done == 0 { return }
            count += done
        }
    }

    package var data: Data { Data(bytes: buffer.baseAddress!, count: count) }

    package func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }

    /// Whether `marker` occurs; looks for its second byte, rare in HTML where the first, `<`, is everywhere.
    package func contains(_ marker: String) -> Bool {
        let marker = Array(marker.utf8)
        guard marker.count >= 2, count >= marker.count else { return false }
        let base = buffer.baseAddress!
        var at = 1
        while at <= count - marker.count + 1 {
            guard let found = memchr(base + at, Int32(marker[1]), count - marker.count + 2 - at) else { return false }
            let start = base.distance(to: found) - 1
            if memcmp(base + start, marker, marker.count) == 0 { return true }
            at = start + 2
        }
        return false
    }

    private func grow(to size: Int) {
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        buffer.deallocate()
        buffer = larger
    }
}

/// The C `read`, which `FileContents.read` would otherwise hide.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
