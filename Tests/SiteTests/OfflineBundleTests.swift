import Foundation
import Glibc
@testable import PortalBundle
import PortalBytes
import PortalContent
@testable import PortalOffline
@testable import PortalSite
import StaffingModel
import Testing

/// The offline bundle: deflated, deterministic, complete, and written only when a build asks for it.
@Suite struct OfflineBundleTests {
    static let stamp = (date: CivilDate("2024-05-06")!, secondsOfDay: 3_600)

    /// A small output folder: pages in folders, an asset, a page with an online-only part.
    static func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
        let files: [String: Data] = [
            "index.html": Data("<p>Home</p>\(OfflineBundle.onlineOnlyStart)<a href=\"x.zip\">zip</a>\(OfflineBundle.onlineOnlyEnd)<p>!</p>".utf8),
            "letters/a.html": Data(String(repeating: "<p>The supervisor of customer services, EAS-17.</p>\n", count: 200).utf8),
            "letters/b.html": Data("<p>b</p>".utf8),
            "café/résumé/ü.html": Data("<p>ü</p>".utf8),
            "assets/noise.bin": noise(4096),
            "empty.txt": Data(),
        ]
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }

    /// Bytes no compressor shrinks: a fixed xorshift sequence.
    static func noise(_ count: Int) -> Data {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return Data((0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 32)
        })
    }

    @Test func aFileFolderIsEverythingBeforeTheLastSlash() {
        #expect(OfflineBundle.folder(of: "positions/2345-5035.html") == "positions")
        #expect(OfflineBundle.folder(of: "packets/letters/x.html") == "packets/letters")
        #expect(OfflineBundle.folder(of: "index.html") == "")
        #expect(OfflineBundle.folder(of: "") == "")
        #expect(OfflineBundle.folder(of: "café/résumé/ü.html") == "café/résumé")
    }

    /// Entries are deflated where that wins and stored where it does not; `unzip -t` passes and gives back every byte.
    @Test func entriesAreDeflatedAndExtractToTheSameBytes() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let size = try OfflineBundle.write(from: folder, timestamp: Self.stamp)
        let zip = folder.appendingPathComponent(OfflineBundle.fileName)
        #expect(try Data(contentsOf: zip).count == Int(size))
        #expect(try unzip(["-tq", zip.path]).contains("No errors detected"))
        let listing = try unzip(["-Zv", zip.path])
        // The repetitive page is deflated; the noise and the empty file are stored.
        let methods = listing.components(separatedBy: "Central directory entry").dropFirst().map { entry in
            (entry.split(separator: "\n").first { $0.contains("consultation-portal/") }.map(String.init) ?? "", entry.contains("compression method:") && entry.contains("deflated"))
        }
        #expect(methods.contains { $0.0.contains("letters/a.html") && $0.1 })
        #expect(methods.contains { $0.0.contains("noise.bin") && !$0.1 })
        let out = folder.appendingPathComponent("out")
        _ = try unzip(["-q", zip.path, "-d", out.path])
        let root = out.appendingPathComponent(OfflineBundle.folder)
        for path in ["letters/a.html", "letters/b.html", "café/résumé/ü.html", "assets/noise.bin", "empty.txt"] {
            #expect(try Data(contentsOf: root.appendingPathComponent(path)) == Data(contentsOf: folder.appendingPathComponent(path)), "\(path)")
        }
        // The bundled home page drops the link to the bundle, which the copy does not contain.
        #expect(try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8) == "<p>Home</p><p>!</p>")
    }

    /// Any number of threads, and a file left at the target (a hard link to another file, even), give the same bytes.
    @Test func theSameFilesGiveTheSameBytesWhateverTheThreadsOrWhatWasThere() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent(OfflineBundle.fileName)
        try OfflineBundle.write(from: folder, timestamp: Self.stamp, jobs: 1)
        let first = try Data(contentsOf: zip)
        // A bundle that shares its inode with another file is replaced, never written into.
        let other = folder.appendingPathComponent("../\(folder.lastPathComponent)-other.zip").standardizedFileURL
        try? FileManager.default.removeItem(at: other)
        try FileManager.default.linkItem(at: zip, to: other)
        defer { try? FileManager.default.removeItem(at: other) }
        try OfflineBundle.write(from: folder, files: try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
        }, timestamp: Self.stamp, jobs: 4)
        #expect(try Data(contentsOf: zip) == first)
        #expect(try Data(contentsOf: other) == first)
        try OfflineBundle.write(from: folder, timestamp: (CivilDate("2024-05-07")!, 0), jobs: 2)
        #expect(try Data(contentsOf: zip) != first, "the timestamp is part of the bytes")
    }

    /// Many entries take the ZIP64 end records, which `unzip` reads.
    @Test func moreThan65535EntriesTakeZIP64Records() throws {
        var bytes: [UInt8] = []
        let writer = ZipWriter(dos: ZipWriter.dosDateTime(Self.stamp)) { bytes.append(contentsOf: $0) }
        let deflater = Deflater()
        for index in 0..<65_600 { try writer.addFile("f/\(index)", deflater.entry(Array("file \(index)".utf8))) }
        try writer.finish()
        #expect(Int(writer.byteCount) == bytes.count)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zip64-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
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

    /// A build writes the bundle only when asked; a later build without it leaves none behind, and its home page no link.
    @Test func aBuildWithoutTheBundleLeavesNone() throws {
        let workspace = try IncrementalBuildTests.Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        var options = workspace.options()
        #expect(!options.offlineBundle, "off by default: portal serve and plain builds never write it")
        options.offlineBundle = true
        _ = try SiteBuilder(options: options).build()
        let zip = options.outputDirectory.appendingPathComponent(OfflineBundle.fileName)
        #expect(FileManager.default.fileExists(atPath: zip.path))
        #expect(try String(contentsOf: options.outputDirectory.appendingPathComponent("index.html"), encoding: .utf8).contains(OfflineBundle.fileName))
        let first = try Data(contentsOf: zip)
        // A rebuild with the bundle writes it again from the pages, with the same bytes.
        _ = try SiteBuilder(options: options).build()
        #expect(try Data(contentsOf: zip) == first)
        options.offlineBundle = false
        for _ in 0..<2 {  // the second build recycles the staging folder that held the bundle
            _ = try SiteBuilder(options: options).build()
            #expect(!FileManager.default.fileExists(atPath: zip.path))
            #expect(!(try String(contentsOf: options.outputDirectory.appendingPathComponent("index.html"), encoding: .utf8)).contains(OfflineBundle.fileName))
        }
        // And back: the link returns with the bundle.
        options.offlineBundle = true
        _ = try SiteBuilder(options: options).build()
        #expect(try Data(contentsOf: zip) == first)
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
