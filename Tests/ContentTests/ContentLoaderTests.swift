import Foundation
import Testing

@testable import PortalContent

/// Loading a whole folder: file-level refusals and checks across documents.
@Suite struct ContentLoaderTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("portal-content-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/positions"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/letters"), withIntermediateDirectories: true)
    }

    func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent("Content/\(path)"))
    }

    func position(_ code: String, _ version: String) -> String {
        "---\ntitle: Coordinator\nkind: position\ndate: 2022-08-30\noccupation_code: \(code)\ngrade: EAS-17\nversion: \(version)\n---\n\n## Duties\n"
    }

    func load() -> Result<ContentSite, Diagnostics> {
        Result { () throws(Diagnostics) in try ContentLoader(directory: root.appendingPathComponent("Content"), displayRoot: "Content").load() }
    }

    func errors() -> [String] {
        guard case .failure(let found) = load() else { return [] }
        return found.items.map(\.description)
    }

    /// A released body is read again from its file, as the loader made it: byte-order mark dropped, CR LF made LF.
    @Test func releasedBodiesReadBackTheSame() throws {
        try write(position("2345-5035", "current") + "1. Plans the é work.\n", "positions/2345-5035-current.md")
        try write("\u{FEFF}" + position("2345-5035", "proposed").replacingOccurrences(of: "\n", with: "\r\n") + "1. Plans é\r\n", "positions/2345-5035-proposed.md")
        let site = try load().get()
        let bodies = site.documents.map(\.body)
        #expect(bodies[1] == "\n## Duties\n1. Plans é\n")
        let copies = site.documents
        for document in site.documents { document.releaseBody() }
        #expect(site.documents.allSatisfy { !$0.isBodyResident })
        #expect(site.documents.map(\.body) == bodies)
        #expect(copies.map(\.body) == bodies)
        #expect(copies == site.documents)

        // A body set by hand has no file behind it, so it is kept.
        var edited = site.documents[0]
        edited.body = "Edited."
        edited.releaseBody()
        #expect(edited.isBodyResident)
        #expect(edited.body == "Edited.")
        #expect(site.documents[0].body == bodies[0])
    }

    @Test func loadsDocumentsSortedByPath() throws {
        try write(position("2345-5035", "proposed"), "positions/2345-5035-proposed.md")
        try write(position("2345-5035", "current"), "positions/2345-5035-current.md")
        let site = try load().get()
        #expect(site.documents.map(\.path) == ["positions/2345-5035-current.md", "positions/2345-5035-proposed.md"])
        #expect(site.position(code: "2345-5035", version: .proposed)?.path == "positions/2345-5035-proposed.md")
    }

    @Test func duplicateCodeAndVersionIsAnErrorOnTheSecond() throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/positions/old"), withIntermediateDirectories: true)
        try write(position("2345-5035", "current"), "positions/2345-5035-current.md")
        try write(position("2345-5035", "current"), "positions/old/2345-5035-current.md")
        #expect(errors() == [
            "Content/positions/old/2345-5035-current.md:5:18: error: occupation code 2345-5035 version 'current' is already described by Content/positions/2345-5035-current.md; each code has at most one current and one proposed version"
        ])
    }

    @Test func enclosureNamingAMissingDocument() throws {
        try write(position("2345-5035", "current"), "positions/2345-5035-current.md")
        try write("""
            ---
            title: L
            kind: letter
            date: 2022-08-30
            from: {name: A}
            to: {name: B}
            statute: 39 U.S.C. §1004(d)
            enclosures:
              - {code: 2345-5035, version: current}
              - {code: 2345-5035, version: proposed}
              - {path: presentations/missing.md}
            ---
            """, "letters/l.md")
        #expect(errors() == [
            "Content/letters/l.md:10:5: error: enclosure names a missing proposed position description for 2345-5035; add that document or fix the reference",
            "Content/letters/l.md:11:5: error: enclosure names a missing document 'presentations/missing.md'; add that document or fix the reference",
        ])
    }

    @Test func notUTF8IsLocatedAtTheBadByte() throws {
        var data = Data("---\ntitle: Caf".utf8)
        data.append(0xE9)
        data.append(contentsOf: Data("\n".utf8))
        try data.write(to: root.appendingPathComponent("Content/positions/bad.md"))
        #expect(errors() == ["Content/positions/bad.md:2:11: error: file is not valid UTF-8; save it as UTF-8 text"])
    }

    @Test func symlinkOutsideTheContentFolderIsRefused() throws {
        let outside = root.appendingPathComponent("secret.md")
        try Data(position("2345-5035", "current").utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("Content/positions/link.md"), withDestinationURL: outside)
        #expect(errors().first?.hasPrefix("Content/positions/link.md:1:1: error: this is a symlink outside the content folder") == true)
    }

    @Test func oversizedFileIsRefused() throws {
        let big = position("2345-5035", "current") + String(repeating: "x", count: ContentLoader.maximumFileSize)
        try write(big, "positions/big.md")
        #expect(errors() == ["Content/positions/big.md:1:1: error: file has \(big.utf8.count) bytes, over the 10 MB (10485760 bytes) limit; split it or remove embedded data"])
    }

    @Test func consultationMustNameALetter() throws {
        let path = "positions/2345-5035-current.md"
        try write(position("2345-5035", "current").replacingOccurrences(of: "version: current", with: "version: current\nconsultation: \(path)"), path)
        #expect(errors() == [
            "Content/\(path):8:15: error: consultation '\(path)' is not a letter; name the letter that proposed this document"
        ])
    }

    @Test func pathTraversalInEnclosureIsRefused() throws {
        try write("""
            ---
            title: L
            kind: letter
            date: 2022-08-30
            from: {name: A}
            to: {name: B}
            statute: S
            enclosures:
              - {path: ../../etc/passwd.md}
            ---
            """, "letters/l.md")
        #expect(errors() == [
            "Content/letters/l.md:9:12: error: enclosure path '../../etc/passwd.md' must be a path inside Content/ ending in .md, without '..'"
        ])
    }
}

/// Invisible bidirectional controls are reported where they stand.
@Suite struct BidiControlTests {
    @Test func titleAndBodyControlsAreWarnings() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("portal-bidi-\(UUID().uuidString)/Content")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("---\ntitle: \"report\u{202E}fdp.exe\"\nkind: article\ndate: 2024-01-02\n---\n\nPlain line.\nSee \u{2067}this\u{2069}.\n".utf8)
            .write(to: root.appendingPathComponent("a.md"))
        let site = try ContentLoader(directory: root, displayRoot: "Content").load()
        #expect(site.warnings.map(\.description) == [
            "Content/a.md:2:8: warning: field 'title' contains the invisible bidirectional control U+202E, which can make text display reversed; delete it",
            "Content/a.md:8:5: warning: the text contains the invisible bidirectional control U+2067, which can make text display reversed; delete it",
        ])
    }
}
