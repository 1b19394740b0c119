import Foundation
import PortalBinaryCodec
@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
import PortalContent
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


/// Every record the build cache writes reads back equal, and damage reads as absent.
@Suite struct CacheRecordTests {
    func model() throws -> SiteModel {
        let site = try ContentLoader(directory: repositoryRoot.appendingPathComponent("Content"), displayRoot: "Content").load()
        let theme = try Theme.load(from: repositoryRoot.appendingPathComponent("Theme"), displayRoot: "Theme")
        return try SiteModel(site: site, theme: theme)
    }

    func roundTrip<Value: BinaryCodable>(_ value: Value) throws -> Value {
        var writer = BinaryWriter()
        writer.write(value)
        var reader = BinaryReader(writer.bytes)
        let decoded = try reader.read(Value.self)
        #expect(reader.isAtEnd)
        return decoded
    }

    /// Cache files are read whole, whatever their size, and a file larger than its reported size is read to its end.
    @Test func fileContentsAreReadWhole() throws {
        let folder = try temporaryFolder("posix-contents")
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 4095, 4096, 4097, 65_536, 65_537, 1_000_003] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let url = folder.appendingPathComponent("\(size).bin")
            try Data(bytes).write(to: url)
            #expect(POSIXFile.contents(of: url.path) == bytes, "\(size) bytes")
        }
        #expect(POSIXFile.contents(of: folder.appendingPathComponent("missing").path) == nil)
        #expect(POSIXFile.contents(of: folder.path) == nil, "a folder cannot be read")
        // Files under /proc report a size of 0 and still have contents.
        let version = try #require(FileManager.default.contents(atPath: "/proc/version"))
        #expect(!version.isEmpty && POSIXFile.contents(of: "/proc/version") == [UInt8](version))
    }

    @Test func bodiesAndFactsOfTheRealContentRoundTrip() throws {
        let model = try model()
        var sawMentions = false, sawPassages = false, sawAnchors = false
        for document in model.site.documents {
            let body = model.body(of: document)
            #expect(try roundTrip(body) == body, "\(document.path)")
            let facts = model.facts[document.path]!
            #expect(try roundTrip(facts) == facts, "\(document.path)")
            sawMentions = sawMentions || !facts.mentions.isEmpty
            sawPassages = sawPassages || !body.passages.isEmpty
            sawAnchors = sawAnchors || !facts.anchors.isEmpty
        }
        // The content exercises every part of both records.
        #expect(sawMentions && sawPassages && sawAnchors)
    }

    @Test func pageUnitsRoundTrip() throws {
        let unit = PageMemo.Unit(
            key: 0xFEED_FACE_CAFE_BEEF, dependencies: ["letters/a.md", "positions/b.md"],
            files: [PageMemo.File(path: "index.html", size: 1234, modified: 1_700_000_000_123_456_789)])
        let decoded = try roundTrip(unit)
        #expect(decoded.key == unit.key && decoded.dependencies == unit.dependencies)
        #expect(decoded.files.map(\.path) == ["index.html"] && decoded.files[0].size == 1234 && decoded.files[0].modified == 1_700_000_000_123_456_789)
    }

    @Test func cacheFilesOfAnotherKindOrVersionReadAsAbsent() throws {
        let folder = try temporaryFolder("cachefile")
        let url = folder.appendingPathComponent("x.bin")
        var writer = CacheFile.writer(tag: "PTST")
        writer.write("payload")
        try CacheFile.replace(url, with: writer.bytes)
        var reader = try #require(CacheFile.read(url, tag: "PTST"))
        #expect(try reader.string() == "payload")
        #expect(CacheFile.read(url, tag: "POTH") == nil)
        try Data([0, 1, 2]).write(to: url)
        #expect(CacheFile.read(url, tag: "PTST") == nil)
        #expect(CacheFile.read(folder.appendingPathComponent("missing.bin"), tag: "PTST") == nil)
    }
}
