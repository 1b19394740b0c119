import Foundation
import Testing

import PortalBinaryCodec
@testable import PortalContent

/// A file whose stamp (device, inode, size, times) is the one the build cache kept is taken from the cache
/// without being read; everything the site shows must come out as if it had been read.
@Suite struct UnreadSourcesTests {
    let content = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")

    /// A copy of the repository's content in a folder of its own.
    func copiedContent(_ name: String = #function) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unread-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: content, to: folder)
        return folder
    }

    /// A loader that stamps every file it reads, however new: the tests' files are seconds old.
    func loader(_ folder: URL, known: [ContentDocument] = []) throws -> ContentLoader {
        var loader = ContentLoader(directory: folder, displayRoot: "Content")
        loader.minimumStampAge = 0
        // Through the cache's own records, as a build hands them over.
        var writer = BinaryWriter()
        writer.write(known)
        var reader = BinaryReader(writer.bytes)
        loader.knownDocuments = Dictionary(uniqueKeysWithValues: try reader.array(ContentDocument.self).map { ($0.path, $0) })
        return loader
    }

    @Test func unchangedFilesAreNotReadAndLoadTheSame() throws {
        let folder = try copiedContent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = try loader(folder).load()
        #expect(fresh.unreadDocuments == 0)
        #expect(fresh.documents.allSatisfy { $0.fileStamp != nil && $0.bodyFacts != nil })

        let again = try loader(folder, known: fresh.documents).load()
        #expect(again.unreadDocuments == fresh.documents.count)
        #expect(again.documents.allSatisfy { !$0.isBodyResident })
        // Equality compares bodies too, which the unread documents read from their files now.
        #expect(again.documents == fresh.documents)
        #expect(again.warnings == fresh.warnings)
        #expect(again.documents.map(\.fileStamp) == fresh.documents.map(\.fileStamp))
        #expect(again.documents.map(\.bodyFacts) == fresh.documents.map(\.bodyFacts))
    }

    @Test func anEditedFileIsReadAgain() throws {
        let folder = try copiedContent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = try loader(folder).load()
        let path = "positions/2345-5035-current.md"
        let file = folder.appendingPathComponent(path)
        // The same size: only the times tell the edit apart.
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "directly participates", with: "DIRECTLY participates")
        #expect(edited.utf8.count == text.utf8.count && edited != text)
        try Data(edited.utf8).write(to: file)

        let again = try loader(folder, known: fresh.documents).load()
        #expect(again.unreadDocuments == fresh.documents.count - 1)
        #expect(again.document(at: path)?.body.contains("DIRECTLY participates") == true)
        #expect(again.document(at: path)?.isBodyResident == true)
        #expect(again.document(at: path)?.sourceHash != fresh.document(at: path)?.sourceHash)
    }

    @Test func aFileChangedJustBeforeItWasReadGetsNoStamp() throws {
        let folder = try copiedContent()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The default: a file must be two seconds old when read, and these were copied just now.
        let fresh = try ContentLoader(directory: folder, displayRoot: "Content").load()
        #expect(fresh.documents.allSatisfy { $0.fileStamp == nil })
        var loader = ContentLoader(directory: folder, displayRoot: "Content")
        loader.knownDocuments = Dictionary(uniqueKeysWithValues: fresh.documents.map { ($0.path, $0) })
        #expect(try loader.load().unreadDocuments == 0)
    }

    @Test func aControlInAnUnreadBodyIsStillReported() throws {
        let folder = try copiedContent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = "customer-connect/questions-and-answers.md"
        let file = folder.appendingPathComponent(path)
        try Data((try String(contentsOf: file, encoding: .utf8) + "\nReversed: \u{202E}fdp.exe\n").utf8).write(to: file)
        let fresh = try loader(folder).load()
        let warning = try #require(fresh.warnings.first { $0.path == "Content/\(path)" && $0.message.contains("U+202E") })

        let again = try loader(folder, known: fresh.documents).load()
        #expect(again.unreadDocuments == fresh.documents.count)
        #expect(again.warnings.contains(warning))
        #expect(again.warnings == fresh.warnings)
    }

    @Test func codeStatusComparesUnreadBodies() throws {
        let folder = try copiedContent()
        defer { try? FileManager.default.removeItem(at: folder) }
        func position(_ version: String, _ body: String) -> String {
            "---\ntitle: Test Coordinator\nkind: position\ndate: 2024-0\(version == "current" ? 1 : 2)-01\noccupation_code: 9999-0001\n"
                + "grade: EAS-17\nversion: \(version)\n---\n\n\(body)\n"
        }
        let current = folder.appendingPathComponent("positions/9999-0001-current.md")
        let proposed = folder.appendingPathComponent("positions/9999-0001-proposed.md")
        try Data(position("current", "## Duties\n\n1. Keeps the roster.").utf8).write(to: current)
        try Data(position("proposed", "## Duties\n\n1. Keeps the roster.\n\n").utf8).write(to: proposed)
        let fresh = try loader(folder).load()
        #expect(OccupationCatalog(site: fresh)["9999-0001"]?.status == .unchanged)

        // Both unread: the status comes from their kept hashes, then their bodies read from the files.
        let unread = try loader(folder, known: fresh.documents).load()
        #expect(unread.unreadDocuments == fresh.documents.count)
        #expect(OccupationCatalog(site: unread)["9999-0001"]?.status == .unchanged)

        // One read again, the other not.
        try Data(position("proposed", "## Duties\n\n1. Keeps the roster and the log.").utf8).write(to: proposed)
        let revised = try loader(folder, known: unread.documents).load()
        #expect(revised.unreadDocuments == fresh.documents.count - 1)
        #expect(OccupationCatalog(site: revised)["9999-0001"]?.status == .revised)
    }

    @Test func hashesOfBodiesIgnoreOnlyOuterWhitespace() {
        #expect(OccupationCatalog.outerTrimmedHash("\n  Keeps the roster.\n\n") == OccupationCatalog.outerTrimmedHash("Keeps the roster."))
        #expect(OccupationCatalog.outerTrimmedHash("\u{3000}Keeps the roster.\u{00A0}") == OccupationCatalog.outerTrimmedHash("Keeps the roster."))
        #expect(OccupationCatalog.outerTrimmedHash("Keeps the roster.") != OccupationCatalog.outerTrimmedHash("Keeps  the roster."))
        #expect(OccupationCatalog.outerTrimmedHash("") == OccupationCatalog.outerTrimmedHash(" \n\t"))
    }
}
