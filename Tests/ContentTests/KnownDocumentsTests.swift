import Foundation
import Testing

import PortalBinaryCodec
import PortalBytes
@testable import PortalContent

/// The build cache hands the loader the documents an earlier build decoded; reusing them must change nothing.
@Suite struct KnownDocumentsTests {
    let content = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")

    /// The documents as the cache keeps them: binary records, without bodies.
    func throughCache(_ documents: [ContentDocument]) throws -> [String: ContentDocument] {
        var writer = BinaryWriter()
        writer.write(documents)
        var reader = BinaryReader(writer.bytes)
        let decoded = try reader.array(ContentDocument.self)
        #expect(decoded.allSatisfy { $0.body.isEmpty })
        return Dictionary(uniqueKeysWithValues: decoded.map { ($0.path, $0) })
    }

    @Test func reusedDocumentsEqualDecodedOnes() throws {
        let fresh = try ContentLoader(directory: content, displayRoot: "Content").load()
        #expect(fresh.documents.allSatisfy { $0.sourceHash != 0 && $0.frontMatterHash != 0 })
        var loader = ContentLoader(directory: content, displayRoot: "Content")
        loader.knownDocuments = try throughCache(fresh.documents)
        let reused = try loader.load()
        #expect(reused.documents == fresh.documents)
        #expect(reused.warnings == fresh.warnings)
    }

    @Test func changedSourceIsDecodedAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("known-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: content, to: folder)
        let fresh = try ContentLoader(directory: folder, displayRoot: "Content").load()
        let path = "customer-connect/questions-and-answers.md"
        let file = folder.appendingPathComponent(path)
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Customer Connect Q-and-A", with: "title: Changed").utf8).write(to: file)
        var loader = ContentLoader(directory: folder, displayRoot: "Content")
        loader.knownDocuments = try throughCache(fresh.documents)
        let reloaded = try loader.load()
        #expect(reloaded.document(at: path)?.title == "Changed")
        #expect(reloaded.document(at: path)?.sourceHash != fresh.document(at: path)?.sourceHash)
        #expect(reloaded.document(at: path)?.frontMatterHash != fresh.document(at: path)?.frontMatterHash)
        // Another display root must not reuse documents whose diagnostics would name the old one.
        var renamed = ContentLoader(directory: folder, displayRoot: "Elsewhere")
        renamed.knownDocuments = try throughCache(fresh.documents)
        #expect(try renamed.load().documents.allSatisfy { $0.displayPath.hasPrefix("Elsewhere/") })
    }

    @Test func bodyOnlyEditKeepsTheFrontMatterHash() throws {
        let text = "---\ntitle: A\nkind: article\ndate: 2024-01-01\n---\n\nBody one.\n"
        let edited = text.replacingOccurrences(of: "Body one.", with: "Body two.")
        let a = try DocumentDecoder.decode(text, path: "a.md", displayPath: "Content/a.md").get()
        #expect(StableHash.of(String(ContentLoader.lines(a.bodyLineOffset, of: text)))
            == StableHash.of(String(ContentLoader.lines(a.bodyLineOffset, of: edited))))
        #expect(String(text[ContentLoader.lines(a.bodyLineOffset, of: text).endIndex...]) == a.body)
        #expect(StableHash.of(text) != StableHash.of(edited))
    }

    @Test func stableHashSeparatesConcatenations() {
        var ab = StableHash(), a = StableHash()
        ab.combine("ab"); ab.combine("c")
        a.combine("a"); a.combine("bc")
        #expect(ab.value != a.value)
        #expect(StableHash.of("x") == StableHash.of("x"))
        #expect(StableHash.of(String(repeating: "long text ", count: 100)) != StableHash.of(String(repeating: "long text ", count: 100) + " "))
    }
}

@Suite struct CacheRecordCodingTests {
    let content = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")

    @Test func documentsRoundTripWithoutTheirBodies() throws {
        let site = try ContentLoader(directory: content, displayRoot: "Content").load()
        var writer = BinaryWriter()
        writer.write(site.documents)
        var reader = BinaryReader(writer.bytes)
        let decoded = try reader.array(ContentDocument.self)
        #expect(reader.isAtEnd)
        #expect(decoded == site.documents.map { document in
            var document = document
            document.body = ""
            return document
        })
        #expect(decoded.contains { $0.letter?.enclosures.isEmpty == false } && decoded.contains { $0.position != nil })
    }

    @Test func diagnosticsRoundTrip() throws {
        let diagnostics = [
            Diagnostic(.warning, path: "Content/a.md", line: 3, column: 7, message: "m", sourceLine: "source"),
            Diagnostic(path: "Content/b.md", line: 1, message: "n"),
        ]
        var writer = BinaryWriter()
        writer.write(diagnostics)
        var reader = BinaryReader(writer.bytes)
        #expect(try reader.array(Diagnostic.self) == diagnostics)
    }

    @Test func truncatedRecordsThrowInsteadOfCrashing() throws {
        let site = try ContentLoader(directory: content, displayRoot: "Content").load()
        var writer = BinaryWriter()
        writer.write(site.documents)
        for cut in stride(from: 0, to: writer.bytes.count, by: max(1, writer.bytes.count / 97)) {
            var reader = BinaryReader(Array(writer.bytes.prefix(cut)))
            #expect(throws: BinaryReader.Truncated.self) { try reader.array(ContentDocument.self) }
        }
    }

    @Test func bodyOnlyEditReusesKnownFrontMatter() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("known-body-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: content, to: folder)
        let fresh = try ContentLoader(directory: folder, displayRoot: "Content").load()
        let path = "positions/2345-5035-current.md"
        let file = folder.appendingPathComponent(path)
        try Data((try String(contentsOf: file, encoding: .utf8) + "\nOne more line.\n").utf8).write(to: file)
        var loader = ContentLoader(directory: folder, displayRoot: "Content")
        loader.knownDocuments = Dictionary(uniqueKeysWithValues: fresh.documents.map { document in
            var document = document
            document.body = ""
            return (document.path, document)
        })
        let reused = try loader.load()
        let decoded = try ContentLoader(directory: folder, displayRoot: "Content").load()
        #expect(reused.documents == decoded.documents)
        #expect(reused.document(at: path)?.body.hasSuffix("One more line.\n") == true)
        #expect(reused.document(at: path)?.sourceHash != fresh.document(at: path)?.sourceHash)
    }
}

@Suite struct BidiFastPathTests {
    @Test func onlyRealControlsPassTheByteScan() {
        #expect(!BidiControlCheck.mayContainControl("Dashes — and “quotes” … are not controls"))
        #expect(BidiControlCheck.mayContainControl("abc\u{202E}def"))
        #expect(BidiControlCheck.mayContainControl("\u{2066}"))
        #expect(BidiControlCheck.mayContainControl("ends with \u{2069}"))
        #expect(!BidiControlCheck.mayContainControl("\u{2065}\u{206A}\u{2029}"))
        #expect(!BidiControlCheck.mayContainControl(""))
    }
}
