import Foundation
import Testing

@testable import PortalContent

/// The build cache hands the loader the documents an earlier build decoded; reusing them must change nothing.
@Suite struct KnownDocumentsTests {
    let content = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")

    /// The documents as the cache keeps them: through JSON, without bodies.
    func throughCache(_ documents: [ContentDocument]) throws -> [String: ContentDocument] {
        let decoded = try JSONDecoder().decode([ContentDocument].self, from: JSONEncoder().encode(documents))
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
