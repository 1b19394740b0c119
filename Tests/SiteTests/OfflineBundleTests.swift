import Foundation
import Glibc
@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
import PortalContent
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import StaffingModel
import Testing


#if canImport(Glibc)
#endif

/// The offline bundle written from a previous build's bundle has the bytes of one written from scratch.
@Suite struct OfflineBundleTests {
    static let firstStamp = (date: CivilDate("2024-05-06")!, secondsOfDay: 3_600)
    static let secondStamp = (date: CivilDate("2024-05-07")!, secondsOfDay: 0)

    /// A previous build's output with its bundle, and a staging folder that hard-links most of it.
    struct Builds {
        let folder: URL
        var previous: URL { folder.appendingPathComponent("Public") }
        var staging: URL { folder.appendingPathComponent("Staging") }
        var previousBundle: URL { previous.appendingPathComponent(OfflineBundle.fileName) }
        var stagedBundle: URL { staging.appendingPathComponent(OfflineBundle.fileName) }

        static let files: [String: Data] = {
            var files: [String: Data] = [
                "index.html": Data("<p>Home</p>\(OfflineBundle.onlineOnlyStart)<a href=\"x.zip\">zip</a>\(OfflineBundle.onlineOnlyEnd)<p>!</p>".utf8),
                "letters/a.html": Data("<!DOCTYPE html><p>Letter a!</p>".utf8),
                "letters/b.html": Data("<p>Letter b</p>".utf8),
                "letters/online.html": Data("\(OfflineBundle.onlineOnlyStart)online only\(OfflineBundle.onlineOnlyEnd)".utf8),
                "positions/deep/c.html": Data("<p>Position c</p>".utf8),
                "assets/site.css": Data("body { color: black }".utf8),
                "empty.txt": Data(),
            ]
            // Larger than the writer's buffer, so copying and writing go in several pieces.
            files["search/index.json"] = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
            return files
        }()

        /// Writes the previous output and its bundle, then stages every file as a hard link but `changed`.
        init(_ name: String = #function, changed: Set<String> = ["letters/b.html"]) throws {
            folder = try temporaryFolder(name)
            for (path, data) in Self.files {
                try Self.put(data, at: previous.appendingPathComponent(path))
            }
            try OfflineBundle.write(from: previous, timestamp: OfflineBundleTests.firstStamp)
            for path in Self.files.keys {
                let target = staging.appendingPathComponent(path)
                if changed.contains(path) {
                    try Self.put(Data("<p>Changed \(path)</p>".utf8), at: target)
                } else {
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try FileManager.default.linkItem(at: previous.appendingPathComponent(path), to: target)
                }
            }
            try Self.put(Data("<p>New</p>".utf8), at: staging.appendingPathComponent("letters/new.html"))
        }

        static func put(_ data: Data, at url: URL) throws {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }

        /// Puts `letter` in place of the "e" of "Letter a!" in the previous bundle's copy of that page
        /// ("e" puts it back), where only an entry copied from that bundle can pick it up.
        func spoilLetterA(_ letter: Character) throws {
            var old = try Data(contentsOf: previousBundle)
            let at = try #require(old.range(of: Data("<p>Letter a!</p>".utf8)) ?? old.range(of: Data("<p>LXtter a!</p>".utf8)))
            old[at.lowerBound + 4] = letter.asciiValue!
            try old.write(to: previousBundle)
        }

        /// The staged bundle written with the previous build, how many files it reused, and one written without.
        func writeBoth() throws -> (withPrevious: Data, reused: Int, fromScratch: Data) {
            let reused = try OfflineBundle.write(from: staging, timestamp: OfflineBundleTests.secondStamp, previous: previous).reused
            let withPrevious = try Data(contentsOf: stagedBundle)
            try OfflineBundle.write(from: staging, timestamp: OfflineBundleTests.secondStamp)
            return (withPrevious, reused, try Data(contentsOf: stagedBundle))
        }
    }

    /// Entries are grouped by folder, found by the last slash in the path's bytes.
    @Test func aFileFolderIsEverythingBeforeTheLastSlash() {
        #expect(OfflineBundle.folder(of: "positions/2345-5035.html") == "positions")
        #expect(OfflineBundle.folder(of: "packets/letters/x.html") == "packets/letters")
        #expect(OfflineBundle.folder(of: "index.html") == "")
        #expect(OfflineBundle.folder(of: "") == "")
        #expect(OfflineBundle.folder(of: "café/résumé/ü.html") == "café/résumé")
        #expect(OfflineBundle.folder(of: "a/b/") == "a/b")
    }

    @Test func reusedEntriesGiveTheBytesOfAFreshBundle() throws {
        let builds = try Builds()
        defer { try? FileManager.default.removeItem(at: builds.folder) }
        let result = try builds.writeBoth()
        #expect(result.reused == Builds.files.count - 1)
        #expect(result.withPrevious == result.fromScratch)
        #expect(result.withPrevious != (try Data(contentsOf: builds.previousBundle)))
        // HTML is stored without its online-only part, whichever way its entry was made.
        #expect(result.withPrevious.range(of: Data("<p>Home</p><p>!</p>".utf8)) != nil)
        #expect(result.withPrevious.range(of: Data("x.zip".utf8)) == nil)
        #expect(result.withPrevious.range(of: Data("online only".utf8)) == nil)
        // The copied bytes really come from the previous bundle: unzip checks every CRC.
        let listing = try unzip(["-tq", builds.stagedBundle.path])
        #expect(listing.contains("No errors detected"))
    }

    /// With the same timestamp, a reused entry's local header is the very one in the previous bundle, so runs
    /// of such entries are copied whole (`copy_file_range`); the bytes are still those of a fresh bundle.
    @Test func entriesWithTheSameHeaderAreCopiedWholeAndGiveTheBytesOfAFreshBundle() throws {
        let builds = try Builds()
        defer { try? FileManager.default.removeItem(at: builds.folder) }
        try builds.spoilLetterA("X")

        let reused = try OfflineBundle.write(from: builds.staging, timestamp: Self.firstStamp, previous: builds.previous).reused
        let copied = try Data(contentsOf: builds.stagedBundle)
        #expect(reused == Builds.files.count - 1)
        // The spoiled byte came along with its entry, so the data was copied, not read again.
        #expect(copied.range(of: Data("<p>LXtter a!</p>".utf8)) != nil)
        try builds.spoilLetterA("e")
        try OfflineBundle.write(from: builds.staging, timestamp: Self.firstStamp, previous: builds.previous)
        let repaired = try Data(contentsOf: builds.stagedBundle)
        try OfflineBundle.write(from: builds.staging, timestamp: Self.firstStamp)
        #expect(repaired == (try Data(contentsOf: builds.stagedBundle)))
        #expect(try unzip(["-tq", builds.stagedBundle.path]).contains("No errors detected"))
    }

    @Test func reusedDataComesFromThePreviousBundle() throws {
        let builds = try Builds()
        defer { try? FileManager.default.removeItem(at: builds.folder) }
        // Entry data is trusted, not re-read: spoil one byte of a reused entry's data in the old bundle.
        try builds.spoilLetterA("X")
        let result = try builds.writeBoth()
        #expect(result.reused == Builds.files.count - 1)
        #expect(result.withPrevious.range(of: Data("<p>LXtter a!</p>".utf8)) != nil)
        #expect(result.fromScratch.range(of: Data("<p>LXtter a!</p>".utf8)) == nil)
    }

    /// Where records are kept, the previous bundle's data is trusted only when that bundle is the one recorded:
    /// changed since, even with its size kept, nothing is copied from it.
    @Test func aPreviousBundleChangedSinceItsRecordIsNotCopied() throws {
        for spoiled in [false, true] {
            let builds = try Builds("recorded-\(spoiled)")
            defer { try? FileManager.default.removeItem(at: builds.folder) }
            let record = builds.folder.appendingPathComponent("bundle.bin")
            try OfflineBundle.write(from: builds.previous, timestamp: Self.firstStamp, record: record)
            if spoiled { try builds.spoilLetterA("X") }
            let reused = try OfflineBundle.write(
                from: builds.staging, timestamp: Self.secondStamp, previous: builds.previous, record: record
            ).reused
            let written = try Data(contentsOf: builds.stagedBundle)
            try OfflineBundle.write(from: builds.staging, timestamp: Self.secondStamp)
            #expect(reused == (spoiled ? 0 : Builds.files.count - 1), "spoiled: \(spoiled)")
            #expect(written == (try Data(contentsOf: builds.stagedBundle)), "spoiled: \(spoiled)")
        }
    }

    @Test func aFileChangedInPlaceIsReadAgain() throws {
        let builds = try Builds(changed: [])
        defer { try? FileManager.default.removeItem(at: builds.folder) }
        let url = builds.staging.appendingPathComponent("letters/a.html")
        let inode = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("<p>Letter A, changed in place</p>".utf8))
        try handle.close()
        let bundleTime = try #require(try FileManager.default.attributesOfItem(atPath: builds.previousBundle.path)[.modificationDate] as? Date)
        try FileManager.default.setAttributes([.modificationDate: bundleTime.addingTimeInterval(2)], ofItemAtPath: url.path)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int == inode)
        let result = try builds.writeBoth()
        #expect(result.reused == Builds.files.count - 1)
        #expect(result.withPrevious == result.fromScratch)
        #expect(result.withPrevious.range(of: Data("changed in place".utf8)) != nil)
    }

    /// Ways a previous bundle can be damaged; each must leave the new bundle as if there were none.
    static let damages: [(String, @Sendable (inout Data) -> Void)] = [
        ("cut in half", { $0 = $0.prefix($0.count / 2) }),
        ("last byte missing", { $0 = $0.dropLast() }),
        ("empty", { $0 = Data() }),
        ("central directory signature spoiled", { data in
            let at = data.range(of: Data([0x50, 0x4B, 0x01, 0x02]))!
            data[at.lowerBound + 2] = 0xFF
        }),
        ("end record counts too many entries", { data in
            let at = data.range(of: Data([0x50, 0x4B, 0x05, 0x06]), options: .backwards)!
            data[at.lowerBound + 10] &+= 1
        }),
        ("central directory offset out of range", { data in
            let at = data.range(of: Data([0x50, 0x4B, 0x05, 0x06]), options: .backwards)!
            data.replaceSubrange((at.lowerBound + 16)..<(at.lowerBound + 20), with: [0xF0, 0xFF, 0xFF, 0x7F])
        }),
    ]

    @Test(arguments: 0..<damages.count)
    func aDamagedPreviousBundleFallsBackToReading(_ index: Int) throws {
        let (label, damage) = Self.damages[index]
        let builds = try Builds("damaged\(index)")
        defer { try? FileManager.default.removeItem(at: builds.folder) }
        var old = try Data(contentsOf: builds.previousBundle)
        damage(&old)
        try old.write(to: builds.previousBundle)
        let result = try builds.writeBoth()
        #expect(result.reused == 0, "\(label)")
        #expect(result.withPrevious == result.fromScratch, "\(label)")
    }

    @Test func aSpoiledLocalHeaderFallsBackForThatEntryAlone() throws {
        let builds = try Builds()
        defer { try? FileManager.default.removeItem(at: builds.folder) }
        var old = try Data(contentsOf: builds.previousBundle)
        // The first occurrence of a name is in its local header, 30 bytes after the header starts.
        let name = try #require(old.range(of: Data("\(OfflineBundle.folder)/letters/a.html".utf8)))
        old[name.lowerBound - 30] = 0
        try old.write(to: builds.previousBundle)
        let result = try builds.writeBoth()
        #expect(result.reused == Builds.files.count - 2)
        #expect(result.withPrevious == result.fromScratch)
    }

    @Test func noPreviousBundleReadsEverythingAndTheSameFolderIsSafe() throws {
        let builds = try Builds()
        defer { try? FileManager.default.removeItem(at: builds.folder) }
        let fromScratch = try builds.writeBoth().fromScratch
        // The previous folder is the staging folder itself: its bundle is the one being replaced. It is unlinked,
        // not written over, so its entries can still be copied from the open file.
        _ = try OfflineBundle.write(from: builds.staging, timestamp: Self.secondStamp, previous: builds.staging)
        #expect(try Data(contentsOf: builds.stagedBundle) == fromScratch)
        try FileManager.default.removeItem(at: builds.previousBundle)
        #expect(try OfflineBundle.write(from: builds.staging, timestamp: Self.secondStamp, previous: builds.previous).reused == 0)
        #expect(try Data(contentsOf: builds.stagedBundle) == fromScratch)
    }

    /// The recycled staging folder keeps the bundle before last, and the next bundle is written over it in place:
    /// whatever it held, longer or shorter, garbage or shared with another name, the result is the same bytes.
    @Test func aBundleWrittenOverAnOldFileIsTheSameBytes() throws {
        let builds = try Builds()
        defer { try? FileManager.default.removeItem(at: builds.folder) }
        let fromScratch = try builds.writeBoth().fromScratch
        for leftover in [Data(repeating: 0xAB, count: fromScratch.count * 2), Data("short".utf8), fromScratch.prefix(fromScratch.count / 2)] {
            try leftover.write(to: builds.stagedBundle)
            _ = try OfflineBundle.write(from: builds.staging, timestamp: Self.secondStamp, previous: builds.previous)
            #expect(try Data(contentsOf: builds.stagedBundle) == fromScratch)
        }
        // A second name for the old file: that name keeps the old bytes.
        let other = builds.folder.appendingPathComponent("other.zip")
        try Data("old".utf8).write(to: builds.stagedBundle)
        try FileManager.default.linkItem(at: builds.stagedBundle, to: other)
        _ = try OfflineBundle.write(from: builds.staging, timestamp: Self.secondStamp, previous: builds.previous)
        #expect(try Data(contentsOf: builds.stagedBundle) == fromScratch)
        #expect(try Data(contentsOf: other) == Data("old".utf8))
    }

    @Test func indexReadsZIP64Archives() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("many.zip")
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        // More entries than the classic end record can count.
        let writer = ZipWriter(descriptor: descriptor, dos: (0x21, 0))
        for index in 0..<70_000 {
            try writer.addFile("f/\(index).txt", data: Data("file \(index)".utf8))
        }
        try writer.finish()
        close(descriptor)
        let archive = try #require(ZipEntryIndex(path: url.path))
        #expect(archive.count == 70_000)
        let entry = try #require(archive.entry(named: "f/69999.txt"))
        #expect(entry.size == 10)
        #expect(entry.crc == CRC32.checksum(Data("file 69999".utf8)))
        let start = try #require(archive.dataOffset(of: entry, name: Array("f/69999.txt".utf8)))
        let bytes = try Data(contentsOf: url)
        #expect(bytes[Int(start)..<Int(start) + 10] == Data("file 69999".utf8))
        #expect(archive.dataOffset(of: entry, name: Array("f/69998.txt".utf8)) == nil)
        #expect(try unzip(["-tq", url.path]).contains("No errors detected"))
    }

    /// Names are found by bytes in a sorted archive, asked for in any order from any starting position, and by
    /// a table in one whose names are out of order, where a name listed twice is found for neither.
    @Test func entriesAreFoundByNameInAnyArchiveAndAnyOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func archive(_ names: [String], _ file: String) throws -> ZipEntryIndex {
            let url = folder.appendingPathComponent(file)
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(descriptor >= 0)
            let writer = ZipWriter(descriptor: descriptor, dos: (0x21, 0))
            for name in names {
                if name.hasSuffix("/") { try writer.addDirectory(name) } else { try writer.addFile(name, data: Data(name.utf8)) }
            }
            try writer.finish()
            close(descriptor)
            return try #require(ZipEntryIndex(path: url.path))
        }
        // Byte order: "a.html" before "a/", a prefix before what extends it, upper case before lower.
        let sorted = ["B.txt", "a", "a.html", "a/", "a/b", "a/b/", "a/b/c.txt", "a/bb", "é.txt", "é/x"]
        let index = try archive(sorted, "sorted.zip")
        let files = sorted.filter { !$0.hasSuffix("/") }
        #expect(index.count == files.count)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            var position = round == 0 ? 0 : Int.random(in: -3...20, using: &generator)
            for name in round == 0 ? files : files.shuffled(using: &generator) {
                let entry = try #require(index.entry(named: Array(name.utf8), near: &position), "\(name)")
                #expect(entry.crc == CRC32.checksum(Data(name.utf8)) && entry.size == UInt64(name.utf8.count))
            }
            for absent in ["", "A", "a/", "a/b/", "a/c", "b", "zz", "a/b/c.tx", "a/b/c.txtx"] {
                #expect(index.entry(named: Array(absent.utf8), near: &position) == nil, "\(absent)")
            }
        }
        let unsorted = try archive(["z.txt", "a.txt", "m/", "m/x.txt", "twice.txt", "twice.txt", "b.txt"], "unsorted.zip")
        #expect(unsorted.count == 4)
        for name in ["z.txt", "a.txt", "m/x.txt", "b.txt"] {
            #expect(unsorted.entry(named: name)?.crc == CRC32.checksum(Data(name.utf8)), "\(name)")
        }
        #expect(unsorted.entry(named: "twice.txt") == nil && unsorted.entry(named: "m/") == nil)
    }

    /// The record's rewritten names answer as a set would, whatever order they are asked in and wherever the search starts.
    @Test func sortedNamesAnswerAsASetDoes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "b", "/", ".", "é", "Z"]
        func randomName() -> String { (0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined() }
        for _ in 0..<200 {
            let members = Set((0..<Int.random(in: 0...12, using: &generator)).map { _ in randomName() })
            let names = SortedNames(members.map { Array($0.utf8) })
            var asked = (0..<30).map { _ in randomName() } + Array(members)
            // Half the rounds ask in increasing order, as the bundle does; the others in any order.
            if Bool.random(using: &generator) { asked.sort() } else { asked.shuffle(using: &generator) }
            var position = Int.random(in: -2...15, using: &generator)
            for name in asked {
                #expect(names.contains(Array(name.utf8), near: &position) == members.contains(name), "\(name) in \(members.sorted())")
            }
        }
    }

    /// Entries skipped in place move the descriptor once per run, when something is next written,
    /// not once each (a one-document rebuild skipped 27,000 entries with as many `lseek`s).
    @Test func aRunOfEntriesSkippedInPlaceMovesTheDescriptorOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("skip.zip")
        let names = (0..<6).map { "f/\($0).txt" }
        func data(_ index: Int) -> Data { Data("file \(index), ".utf8) + Data(repeating: UInt8(65 + index), count: index * 7) }
        func write(_ descriptor: Int32, skipping: Set<Int>, afterEach: (Int) -> Void = { _ in }) throws {
            let writer = ZipWriter(descriptor: descriptor, dos: (0x21, 0))
            for (index, name) in names.enumerated() {
                if skipping.contains(index) {
                    let bytes = data(index)
                    try writer.skipEntryInPlace(Array(name.utf8), crc: CRC32.checksum(bytes), size: UInt64(bytes.count))
                } else {
                    try writer.addFile(name, data: data(index))
                }
                afterEach(index)
            }
            try writer.finish()
        }
        var descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        try write(descriptor, skipping: [])
        close(descriptor)
        let whole = try Data(contentsOf: url)

        // Written over itself: entries 1 to 4 are skipped, 0 and 5 written again.
        descriptor = open(url.path, O_WRONLY, 0)
        try #require(descriptor >= 0)
        var positions: [Int: off_t] = [:]
        try write(descriptor, skipping: [1, 2, 3, 4]) { positions[$0] = lseek(descriptor, 0, SEEK_CUR) }
        close(descriptor)
        // The first skip writes out what precedes it (entry 0); the descriptor then stays put through the run.
        #expect(positions[0] == 0)
        #expect(positions[1]! > 0 && (1...4).allSatisfy { positions[$0] == positions[1] })
        #expect(try Data(contentsOf: url) == whole)
        #expect(try unzip(["-tq", url.path]).contains("No errors detected"))
    }

    /// The CRC-32 as defined: one bit at a time, reflected polynomial 0xEDB88320.
    static func bitwiseCRC32(_ bytes: some Sequence<UInt8>, continuing previous: UInt32 = 0) -> UInt32 {
        var crc = previous ^ 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    @Test func checksumMatchesTheBitwiseDefinition() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Every length and starting offset around a word, so unaligned starts and tails are covered.
        for start in 0..<9 {
            for end in start...bytes.count {
                let slice = Array(bytes[start..<end])
                #expect(CRC32.checksum(Data(slice)) == Self.bitwiseCRC32(slice), "bytes \(start)..<\(end)")
            }
        }
        let first = CRC32.checksum(Data(bytes[0..<123]))
        let whole = bytes[123...].withUnsafeBytes { CRC32.checksum($0, continuing: first) }
        #expect(whole == Self.bitwiseCRC32(bytes))
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
        // No bytes (a buffer without an address) continue a checksum unchanged.
        #expect(CRC32.checksum(UnsafeRawBufferPointer(start: nil, count: 0), continuing: 0x1234_5678) == 0x1234_5678)
        #expect(CRC32.checksum(Data()) == 0)
    }

    /// Long inputs, where the library folds with carry-less multiplication: random lengths to 70,000 at
    /// unaligned starts continuing random checksums, and values zlib computed.
    @Test func checksumOfLongInputs() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<70_016).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes.withUnsafeBytes { all in
            for _ in 0..<20 {
                let start = Int.random(in: 0..<16, using: &generator)
                let slice = UnsafeRawBufferPointer(rebasing: all[start..<start + Int.random(in: 0...70_000, using: &generator)])
                let previous = UInt32.random(in: .min ... .max, using: &generator)
                #expect(CRC32.checksum(slice, continuing: previous) == Self.bitwiseCRC32(slice, continuing: previous), "\(slice.count) bytes")
            }
        }
        // zlib.crc32 of bytes (31 i + 7) mod 251: 1,000 of them, the first 64, the first 999.
        let known = (0..<1000).map { UInt8((31 * $0 + 7) % 251) }
        for (count, crc) in [(1000, 0x711E_BE2B), (64, 0x7989_B995), (999, 0xA051_D205)] as [(Int, UInt32)] {
            #expect(known[..<count].withUnsafeBytes { CRC32.checksum($0) } == crc, "\(count) bytes")
        }
    }

    /// `prefix` and four more bytes whose CRC-32 is `target`'s: same length and checksum, other text.
    static func forged(_ prefix: [UInt8], matching target: [UInt8]) -> [UInt8] {
        precondition(prefix.count + 4 == target.count)
        let table: [UInt32] = (0..<256).map { index in
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            return value
        }
        let byTopByte = Dictionary(uniqueKeysWithValues: table.enumerated().map { (UInt8($0.element >> 24), $0.offset) })
        // Back from the register the target ends with, the table entry each of the four steps must use.
        var register = CRC32.checksum(Data(target)) ^ 0xFFFF_FFFF
        var steps = [Int](repeating: 0, count: 4)
        for step in (0..<4).reversed() {
            steps[step] = byTopByte[UInt8(register >> 24)]!
            register = (register ^ table[steps[step]]) << 8
        }
        // Forward from the register after the prefix, the byte that makes each step use that entry.
        var state = CRC32.checksum(Data(prefix)) ^ 0xFFFF_FFFF
        var bytes = prefix
        for step in steps {
            bytes.append(UInt8(step) ^ UInt8(truncatingIfNeeded: state))
            state = table[step] ^ (state >> 8)
        }
        return bytes
    }

    /// Three builds: the third writes over the first one's bundle, with a record of the second. Entries already
    /// in place stay there, but not one that the second build changed, though it has the same size and checksum.
    @Test func entriesAlreadyInPlaceAreLeftThereButNotOnesChangedSince() throws {
        let folder = try temporaryFolder("in-place")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (first, second, record) = (folder.appendingPathComponent("A"), folder.appendingPathComponent("B"), folder.appendingPathComponent("bundle.bin"))
        let oldB = Array("<p>Letter b, as first written.</p>".utf8)
        let newB = Self.forged(Array("<p>Letter b, as written next</".utf8), matching: oldB)
        #expect(newB.count == oldB.count && newB != oldB && CRC32.checksum(Data(newB)) == CRC32.checksum(Data(oldB)))
        var files = Builds.files
        files["letters/b.html"] = Data(oldB)
        for (path, data) in files { try Builds.put(data, at: first.appendingPathComponent(path)) }
        try OfflineBundle.write(from: first, timestamp: Self.firstStamp, record: record)

        // The second build changes b (same size and checksum) and hard-links the rest.
        for path in files.keys where path != "letters/b.html" {
            try FileManager.default.createDirectory(at: second.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.linkItem(at: first.appendingPathComponent(path), to: second.appendingPathComponent(path))
        }
        try Builds.put(Data(newB), at: second.appendingPathComponent("letters/b.html"))
        let secondOutcome = try OfflineBundle.write(
            from: second, timestamp: Self.firstStamp, previous: first, files: files.keys.sorted(),
            unchanged: Set(files.keys).subtracting(["letters/b.html"]), record: record)
        #expect(secondOutcome.reused == files.count - 1)

        // The third writes into the first folder (recycled as staging): every page as the second had it but c.
        for path in files.keys {
            try FileManager.default.removeItem(at: first.appendingPathComponent(path))
            try FileManager.default.linkItem(at: second.appendingPathComponent(path), to: first.appendingPathComponent(path))
        }
        try FileManager.default.removeItem(at: first.appendingPathComponent("positions/deep/c.html"))
        try Builds.put(Data("<p>Position c, changed in the third build</p>".utf8), at: first.appendingPathComponent("positions/deep/c.html"))
        let third = try OfflineBundle.write(
            from: first, timestamp: Self.firstStamp, previous: second, files: files.keys.sorted(),
            unchanged: Set(files.keys).subtracting(["positions/deep/c.html"]), record: record)
        let inPlace = try Data(contentsOf: first.appendingPathComponent(OfflineBundle.fileName))
        // Everything before b and between b and c is where it was; b is not, though it would pass every other check.
        #expect(third.keptInPlace == 5)
        #expect(third.reused == files.count - 1)
        try OfflineBundle.write(from: first, timestamp: Self.firstStamp)
        #expect(inPlace == (try Data(contentsOf: first.appendingPathComponent(OfflineBundle.fileName))))
        #expect(inPlace.range(of: Data(newB)) != nil && inPlace.range(of: Data(oldB)) == nil)
    }

    /// A bundle changed after its record was written, or a record of other bundles, leaves nothing in place.
    @Test func aBundleThatIsNotTheRecordedOneIsWrittenWhole() throws {
        for spoil in ["nothing (the control)", "touch the bundle written over", "no record"] {
            let builds = try Builds("in-place-\(spoil.count)-\(spoil.first!)", changed: [])
            defer { try? FileManager.default.removeItem(at: builds.folder) }
            let record = builds.folder.appendingPathComponent("bundle.bin")
            // Staging's own bundle first (the one before last), then the previous one made from it, recorded.
            try OfflineBundle.write(from: builds.staging, timestamp: Self.firstStamp, record: record)
            try FileManager.default.removeItem(at: builds.previousBundle)
            try FileManager.default.copyItem(at: builds.stagedBundle, to: builds.previousBundle)
            _ = try OfflineBundle.write(from: builds.previous, timestamp: Self.firstStamp, previous: builds.staging, record: record)
            // As recorded, this would keep every entry in place.
            switch spoil {
            case "nothing (the control)": break
            case "no record": try FileManager.default.removeItem(at: record)
            default:
                let handle = try FileHandle(forWritingTo: builds.stagedBundle)
                try handle.seek(toOffset: 40)
                try handle.write(contentsOf: Data("X".utf8))
                try handle.close()
            }
            let outcome = try OfflineBundle.write(
                from: builds.staging, timestamp: Self.firstStamp, previous: builds.previous, unchanged: Set(Builds.files.keys), record: record)
            if spoil == "nothing (the control)" {
                #expect(outcome.keptInPlace > 0, "\(spoil)")
            } else {
                #expect(outcome.keptInPlace == 0, "\(spoil)")
            }
            let written = try Data(contentsOf: builds.stagedBundle)
            try OfflineBundle.write(from: builds.staging, timestamp: Self.firstStamp)
            #expect(written == (try Data(contentsOf: builds.stagedBundle)), "\(spoil)")
        }
    }

    private func unzip(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
