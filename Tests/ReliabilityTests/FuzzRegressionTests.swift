import Foundation
import PortalFuzzTargets
import Testing

/// Replays every saved fuzz input, and the real and fixture documents, through each fuzz target.
///
/// A target traps on a crash or a broken invariant, so a regression ends this
/// test run loudly. New crash inputs land in `Tests/Fixtures/fuzz/TARGET/`
/// when `Scripts/fuzz.sh` finds them.
@Suite(.serialized) struct FuzzRegressionTests {
    func files(under folder: URL, suffix: String? = nil) -> [URL] {
        let paths = FileManager.default.subpaths(atPath: folder.path) ?? []
        return paths.sorted().map { folder.appendingPathComponent($0) }.filter { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && url.lastPathComponent != "README" && (suffix.map { url.path.hasSuffix($0) } ?? true)
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func savedInputsRunWithoutACrash(_ target: FuzzTarget) throws {
        for file in files(under: fixturesFolder.appendingPathComponent("fuzz/\(target.rawValue)")) {
            target.run([UInt8](try Data(contentsOf: file)))
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func documentsRunWithoutACrash(_ target: FuzzTarget) throws {
        let documents = files(under: repositoryRoot.appendingPathComponent("Content"), suffix: ".md")
            + files(under: fixturesFolder.appendingPathComponent("injection/Content"), suffix: ".md")
            + files(under: fixturesFolder.appendingPathComponent("bad-input"), suffix: ".md")
        #expect(documents.count > 30)
        var results = 0
        for file in documents {
            results += target.run([UInt8](try Data(contentsOf: file)))
        }
        // Real documents decode, mention codes and build pages; zero would mean the target tests nothing.
        #expect(results > documents.count / 4, "\(target.rawValue) checked only \(results) results")
    }

    /// The page target must reach the generators: a plain body builds the whole small site.
    @Test func markdownPageTargetBuildsPages() {
        for kind: UInt8 in 0..<5 {
            #expect(FuzzTarget.markdownPage.run([kind] + Array("## Duties\n\nText 2345-5035.\n".utf8)) >= 3, "kind \(kind)")
        }
    }

    /// The theme target must reach rendering: the real article template builds the site, and an include
    /// cycle through the extra template stops at the check.
    @Test func themeTemplateTargetBuildsPages() throws {
        let article = try Data(contentsOf: themeFolder.appendingPathComponent("templates/article.mustache"))
        #expect(FuzzTarget.themeTemplate.run([1] + [UInt8](article)) >= 3)
        #expect(FuzzTarget.themeTemplate.run([1] + Array("<p>{{> part}}</p>\0{{> article}}".utf8)) == 0)
    }
}
