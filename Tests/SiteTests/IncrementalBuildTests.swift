import Foundation
@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
import PortalContent
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


/// Incremental builds: after any edit, a build that reuses the previous one's pages
/// writes exactly the bytes a clean build writes.
@Suite struct IncrementalBuildTests {
    /// A copy of the repository's content and theme, an output, and a cache, all in one temporary folder.
    struct Workspace {
        let folder: URL
        var content: URL { folder.appendingPathComponent("Content") }
        var theme: URL { folder.appendingPathComponent("Theme") }
        var output: URL { folder.appendingPathComponent("Public") }
        var cache: URL { folder.appendingPathComponent(".portal-cache/Public") }

        init(_ name: String = #function) throws {
            folder = try temporaryFolder(name)
            for part in ["Content", "Theme"] {
                try FileManager.default.copyItem(
                    at: repositoryRoot.appendingPathComponent(part), to: folder.appendingPathComponent(part))
            }
        }

        func options(output: URL? = nil, cached: Bool = true, clean: Bool = false, displayRoot: String = "Content") -> SiteBuilder.Options {
            var options = SiteBuilder.Options(
                contentDirectory: content, themeDirectory: theme, outputDirectory: output ?? self.output,
                contentDisplayRoot: displayRoot)
            options.cacheDirectory = cached ? cache : nil
            options.clean = clean
            // The workspace's files are seconds old: stamp them all, so that unchanged ones go unread as in real use.
            options.minimumStampAge = 0
            return options
        }

        @discardableResult
        func build(clean: Bool = false) throws -> BuildReport {
            try SiteBuilder(options: options(clean: clean)).build()
        }

        /// A build of the same sources from nothing, with no cache, into a folder of its own.
        func cleanBuild() throws -> URL {
            let output = try temporaryFolder("clean").appendingPathComponent("Public")
            _ = try SiteBuilder(options: options(output: output, cached: false)).build()
            return output
        }

        func edit(_ path: String, in root: URL? = nil, _ change: (String) -> String) throws {
            let url = (root ?? content).appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) changed nothing")
            try Data(changed.utf8).write(to: url)
        }

        func write(_ path: String, _ text: String) throws {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Expects the workspace's output to equal a clean build of its sources, file for file.
    static func expectSameAsClean(_ workspace: Workspace, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let incremental = try fileContents(in: workspace.output)
        let clean = try fileContents(in: workspace.cleanBuild())
        #expect(incremental.keys.sorted() == clean.keys.sorted(), "\(label): different file lists", sourceLocation: sourceLocation)
        let differing = clean.keys.sorted().filter { incremental[$0] != nil && incremental[$0] != clean[$0] }
        #expect(differing.isEmpty, "\(label): files that differ from a clean build: \(differing.prefix(8))", sourceLocation: sourceLocation)
    }

    struct Edit: Sendable, CustomStringConvertible {
        var description: String
        var apply: @Sendable (Workspace) throws -> Void
    }

    static let edits: [Edit] = [
        Edit(description: "a sentence added to a proposed position with a redline") { workspace in
            try workspace.edit("positions/0340-0016-proposed.md") { $0 + "\nThe incumbent also keeps the duty roster current.\n" }
        },
        Edit(description: "a word changed in an enclosed current position") { workspace in
            try workspace.edit("positions/2345-5035-current.md") { $0.replacingOccurrences(of: "directly participates", with: "participates directly") }
        },
        Edit(description: "a paragraph added to a letter") { workspace in
            try workspace.edit("letters/2022-08-30-customer-relations-coordinators.md") { $0 + "\nPlease reply by the date above.\n" }
        },
        Edit(description: "an answer changed in the Q&A") { workspace in
            try workspace.edit("customer-connect/questions-and-answers.md") { $0.replacingOccurrences(of: "Within 24 hours", with: "Within one day") }
        },
        Edit(description: "a title changed in front matter") { workspace in
            try workspace.edit("customer-connect/questions-and-answers.md") {
                $0.replacingOccurrences(of: "title: Customer Connect Q-and-A", with: "title: Customer Connect Questions")
            }
        },
        Edit(description: "a code mention added to the article") { workspace in
            try workspace.edit("customer-connect/coordinator-duties.md") { $0 + "\nSee also the Customer Relations Coordinator, 2345-5035.\n" }
        },
        Edit(description: "a slide added to the presentation") { workspace in
            try workspace.edit("presentations/2022-08-30-naps-presentation.md") { $0 + "\n## One more slide\n\nClosing remarks.\n" }
        },
        Edit(description: "a new document") { workspace in
            try workspace.write("customer-connect/new-note.md", """
                ---
                title: A new note
                kind: article
                date: 2024-05-01
                ---

                The note mentions 2370-0671 and links the [questions](questions-and-answers.md).

                """)
        },
        Edit(description: "a response and a decision added (the dossier's timeline and deadlines.ics change)") { workspace in
            try workspace.write("responses/2022-10-20-recommendations.md", """
                ---
                title: Recommendations
                kind: response
                date: 2022-10-20
                responds_to: letters/2022-08-30-customer-relations-coordinators.md
                from: {name: I. Butts}
                to: {name: B. Nicholson}
                ---

                We recommend.

                """)
            try workspace.write("decisions/2022-11-15-decision.md", """
                ---
                title: Decision
                kind: decision
                date: 2022-11-15
                decides: letters/2022-08-30-customer-relations-coordinators.md
                implements_on: 2199-01-01
                ---

                We decide.

                """)
        },
        Edit(description: "a letter's text made to cite the other letter (its Cited by changes)") { workspace in
            try workspace.edit("letters/2022-08-30-customer-relations-coordinators.md") {
                $0 + "\nSee also [the 2019 restructure](2019-12-12-enterprise-customer-care-restructure.md).\n"
            }
        },
        Edit(description: "a document deleted") { workspace in
            try FileManager.default.removeItem(at: workspace.content.appendingPathComponent("customer-connect/coordinator-duties.md"))
        },
        Edit(description: "a staffing data file changed") { workspace in
            try workspace.edit("data/care-centers-2019.ratio.yaml") { $0.replacingOccurrences(of: "name:", with: "name: Revised") }
        },
        Edit(description: "a theme template changed") { workspace in
            try workspace.edit("templates/layout.mustache", in: workspace.theme) { $0.replacingOccurrences(of: "</footer>", with: "<p>Edited.</p></footer>") }
        },
        Edit(description: "nothing changed") { _ in },
    ]

    @Test(arguments: edits)
    func incrementalBuildEqualsCleanBuild(_ edit: Edit) throws {
        let workspace = try Workspace("incremental")
        try workspace.build()
        try edit.apply(workspace)
        try workspace.build()
        try Self.expectSameAsClean(workspace, edit.description)
    }

    /// A code's status (revised or unchanged) compares its two versions' bodies, so a body edit can change a code page.
    @Test func bodyEditThatMakesVersionsEqualUpdatesTheCodeStatus() throws {
        let workspace = try Workspace("status")
        func position(_ version: String, _ body: String) -> String {
            """
            ---
            title: Test Coordinator
            kind: position
            date: 2024-0\(version == "current" ? 1 : 2)-01
            occupation_code: 9999-0001
            grade: EAS-17
            version: \(version)
            ---

            \(body)

            """
        }
        try workspace.write("positions/9999-0001-current.md", position("current", "## Duties\n\n1. Keeps the roster."))
        try workspace.write("positions/9999-0001-proposed.md", position("proposed", "## Duties\n\n1. Keeps the roster and the log."))
        try workspace.build()
        #expect(try read(workspace.output.appendingPathComponent("codes/index.html")).contains("9999-0001"))
        try workspace.write("positions/9999-0001-proposed.md", position("proposed", "## Duties\n\n1. Keeps the roster."))
        try workspace.build()
        try Self.expectSameAsClean(workspace, "versions made equal")
    }

    /// Unchanged sources are taken from the cache without reading them; an edited one is read.
    @Test func unchangedSourcesAreNotReadAgain() throws {
        let workspace = try Workspace("unread")
        let first = try workspace.build()
        #expect(first.documentsUnread == 0)
        let second = try workspace.build()
        #expect(second.documentsUnread == second.documents)
        try workspace.edit("positions/2345-5035-current.md") { $0.replacingOccurrences(of: "directly participates", with: "participates directly") }
        let third = try workspace.build()
        #expect(third.documentsUnread == third.documents - 1)
        try Self.expectSameAsClean(workspace, "one source read again")
        // The edited file's new stamp waits for the next rewrite of the kept front matter, so it is read again.
        #expect(try workspace.build().documentsUnread == third.documents - 1)
        // A front-matter edit rewrites it, with both new stamps; then nothing is read.
        try workspace.edit("customer-connect/questions-and-answers.md") {
            $0.replacingOccurrences(of: "title: Customer Connect Q-and-A", with: "title: Customer Connect Questions")
        }
        #expect(try workspace.build().documentsUnread == third.documents - 2)
        #expect(try workspace.build().documentsUnread == third.documents)
        try Self.expectSameAsClean(workspace, "after the front matter was kept again")
    }

    /// From the third build on, the output before last is recycled as the staging folder.
    @Test func recycledStagingFolderHoldsExactlyTheNewSite() throws {
        let workspace = try Workspace("recycle")
        try workspace.build()
        try workspace.build()
        let recycled = workspace.folder.appendingPathComponent(".Public.recycle")
        #expect(FileManager.default.fileExists(atPath: recycled.path))
        // Things a recycled folder must not carry over: a stray file and folder, and a folder where a page goes.
        try Data("stray".utf8).write(to: recycled.appendingPathComponent("stray.html"))
        try FileManager.default.createDirectory(at: recycled.appendingPathComponent("stray-folder/inner"), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: recycled.appendingPathComponent("search.html"))
        try FileManager.default.createDirectory(at: recycled.appendingPathComponent("search.html"), withIntermediateDirectories: true)
        try Data("changed in place".utf8).write(to: recycled.appendingPathComponent("index.html"))
        // Entries that are neither files nor folders, and a stray folder with a file inside a kept folder.
        try FileManager.default.createSymbolicLink(atPath: recycled.appendingPathComponent("stray-link").path, withDestinationPath: "index.html")
        try FileManager.default.createSymbolicLink(atPath: recycled.appendingPathComponent("assets/dangling").path, withDestinationPath: "nowhere")
        try FileManager.default.createDirectory(at: recycled.appendingPathComponent("assets/stray/deeper"), withIntermediateDirectories: true)
        try Data("stray".utf8).write(to: recycled.appendingPathComponent("assets/stray/deeper/file.txt"))
        try FileManager.default.removeItem(at: workspace.content.appendingPathComponent("customer-connect/coordinator-duties.md"))
        try workspace.edit("assets/site.css", in: workspace.theme) { $0 + "\n/* edited */\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "recycled staging folder")
        // Folders and links too, which the comparison of files leaves out.
        let entries = try FileManager.default.subpathsOfDirectory(atPath: workspace.output.path).sorted()
        #expect(entries == (try FileManager.default.subpathsOfDirectory(atPath: workspace.cleanBuild().path).sorted()))
        try workspace.edit("customer-connect/questions-and-answers.md") { $0 + "\nOne more answer.\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "recycled again")
    }

    /// A reused page is hard-linked from the previous output: into a staging folder made new (the first rebuild),
    /// and into a recycled one past whatever is at its path there (a file, a folder, a dangling link).
    @Test func reusedPagesAreLinkedPastWhateverIsInTheirWay() throws {
        let workspace = try Workspace("linked")
        let recycled = workspace.folder.appendingPathComponent(".Public.recycle")
        func inode(_ url: URL) throws -> UInt64 {
            try #require((try FileManager.default.attributesOfItem(atPath: url.path))[.systemFileNumber] as? UInt64)
        }
        let untouched = ["positions/2345-5035-current.html", "positions/2320-0010-current.html", "positions/2370-0671-current.html"]
        try workspace.build()
        let first = try untouched.map { try inode(workspace.output.appendingPathComponent($0)) }
        #expect(!FileManager.default.fileExists(atPath: recycled.path))
        try Self.edits[0].apply(workspace)
        try workspace.build()
        try Self.expectSameAsClean(workspace, "first rebuild, into a folder made new")
        // The pages no edit touched are the first build's files, linked; that output is now the recycled folder.
        #expect(try untouched.map { try inode(workspace.output.appendingPathComponent($0)) } == first)
        #expect(try untouched.map { try inode(recycled.appendingPathComponent($0)) } == first)

        // In the recycled folder, which the next build writes into, something else at each of those paths.
        let fileManager = FileManager.default
        try fileManager.removeItem(at: recycled.appendingPathComponent(untouched[0]))
        try Data("in the way".utf8).write(to: recycled.appendingPathComponent(untouched[0]))
        try fileManager.removeItem(at: recycled.appendingPathComponent(untouched[1]))
        try fileManager.createDirectory(at: recycled.appendingPathComponent(untouched[1] + "/inner"), withIntermediateDirectories: true)
        try fileManager.removeItem(at: recycled.appendingPathComponent(untouched[2]))
        try fileManager.createSymbolicLink(atPath: recycled.appendingPathComponent(untouched[2]).path, withDestinationPath: "nowhere")
        try workspace.edit("positions/0340-0016-proposed.md") { $0 + "\nThe incumbent also signs the roster.\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "rebuild into a recycled folder with things in the way")
        #expect(try untouched.map { try inode(workspace.output.appendingPathComponent($0)) } == first)
    }

    /// A symbolic link in the recycled folder where a folder goes, or as the recycled folder itself, is not
    /// followed: the build writes nothing where it points, and the output holds real folders.
    @Test func symbolicLinksInTheRecycledFolderAreNotFollowed() throws {
        let workspace = try Workspace("recycledLinks")
        let fileManager = FileManager.default
        let recycled = workspace.folder.appendingPathComponent(".Public.recycle")
        let elsewhere = workspace.folder.appendingPathComponent("elsewhere")
        try fileManager.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        func isRealFolder(_ url: URL) throws -> Bool {
            try fileManager.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType == .typeDirectory
        }
        try workspace.build()
        try workspace.build()
        // Folders of pages: one whose pages the next build renders, one whose pages it reuses.
        for folder in ["letters", "positions"] {
            try fileManager.removeItem(at: recycled.appendingPathComponent(folder))
            try fileManager.createSymbolicLink(at: recycled.appendingPathComponent(folder), withDestinationURL: elsewhere)
        }
        try workspace.edit("letters/2022-08-30-customer-relations-coordinators.md") { $0 + "\nPlease reply by the date above.\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "links where folders go")
        #expect(try fileManager.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(try isRealFolder(workspace.output.appendingPathComponent("letters")))
        #expect(try isRealFolder(workspace.output.appendingPathComponent("positions")))

        // The recycled folder itself a link.
        try fileManager.removeItem(at: recycled)
        try fileManager.createSymbolicLink(at: recycled, withDestinationURL: elsewhere)
        try workspace.edit("letters/2022-08-30-customer-relations-coordinators.md") { $0 + "\nOr by telephone.\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "the recycled folder a link")
        #expect(try fileManager.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(try isRealFolder(workspace.output))
    }

    @Test func successiveEditsStayIdenticalToCleanBuilds() throws {
        let workspace = try Workspace("successive")
        try workspace.build()
        for edit in Self.edits.prefix(4) {
            try edit.apply(workspace)
            try workspace.build()
            try Self.expectSameAsClean(workspace, edit.description)
        }
    }

    /// The cache numbers search terms in a dictionary it keeps once; a word that leaves the content leaves the
    /// index at once, and the cached dictionary once such words are an eighth of it.
    /// Decoded front matter is reused by path, front matter and display path; content named another way
    /// (`--content Content`, then an absolute path) must refresh what is kept, or no document matches again.
    @Test func decodedFrontMatterFollowsTheContentFolderAsNamed() throws {
        let workspace = try Workspace("displayRoot")
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let cache = DocumentCache(directory: workspace.cache.appendingPathComponent("documents"))
        let globalKey = BuildCache.globalKey(themeDirectory: workspace.theme)
        func keptDisplayRoots() -> Set<String> {
            Set(cache.loadDocuments(globalKey: globalKey).values.map { String($0.displayPath.dropLast($0.path.count + 1)) })
        }
        try workspace.build()
        #expect(keptDisplayRoots() == ["Content"])
        _ = try SiteBuilder(options: workspace.options(displayRoot: workspace.content.path)).build()
        #expect(keptDisplayRoots() == [workspace.content.path])
        try Self.expectSameAsClean(workspace, "content named by its absolute path")
    }

    /// The cached search terms carry a checksum: bytes changed on disk that still decode are not used.
    @Test func changedSearchTermsAreNotUsed() throws {
        let workspace = try Workspace("termsChecksum")
        try workspace.build()
        let terms = workspace.cache.appendingPathComponent("documents/search-terms.bin")
        var bytes = [UInt8](try Data(contentsOf: terms))
        // The last entry's code count (its packed counts end four bytes before the checksum's eight: the
        // count of large counts, none here); one more still decodes, and changes that entry's impact.
        bytes[bytes.count - 8 - 4 - 2] ^= 1
        try Data(bytes).write(to: terms)
        try workspace.edit("customer-connect/questions-and-answers.md") { $0 + "\nOne more answer.\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "search terms changed on disk")
    }

    @Test func wordsAddedThenRemovedLeaveTheIndexAndTheCachedDictionary() throws {
        let workspace = try Workspace("dictionary")
        try workspace.build()
        let terms = workspace.cache.appendingPathComponent("documents/search-terms.bin")
        func cachedDictionaryHolds(_ word: String) throws -> Bool {
            try Data(contentsOf: terms).range(of: Data(word.utf8)) != nil
        }
        func indexHolds(_ word: String) throws -> Bool {
            try fileContents(in: workspace.output.appendingPathComponent("search")).contains { path, contents in
                !path.hasPrefix("d/") && contents.range(of: Data("\"\(word)\"".utf8)) != nil
            }
        }
        let letter = "letters/2022-08-30-customer-relations-coordinators.md"
        #expect(try !cachedDictionaryHolds("zanzibarquux"))
        try workspace.edit(letter) { $0 + "\nZanzibarquux is a word no other document has.\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "word added")
        #expect(try indexHolds("zanzibarquux") && cachedDictionaryHolds("zanzibarquux"))
        try workspace.edit(letter) { $0.replacingOccurrences(of: "\nZanzibarquux is a word", with: "\nIt is a word") }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "word removed")
        // Out of the index, but one unused word is not worth renumbering every cached document.
        #expect(try !indexHolds("zanzibarquux") && cachedDictionaryHolds("zanzibarquux"))

        // Thousands of words, as many as the rest of the content has: once removed, the dictionary drops them all.
        let many = (0..<6000).map { "zq\(String($0, radix: 26))zq" }
        try workspace.edit(letter) { $0 + "\n" + many.joined(separator: " ") + "\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "many words added")
        #expect(try indexHolds(many[17]) && cachedDictionaryHolds(many[17]))
        try workspace.edit(letter) { $0.replacingOccurrences(of: many.joined(separator: " "), with: "No more.") }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "many words removed")
        #expect(try !indexHolds(many[17]) && !cachedDictionaryHolds(many[17]) && !cachedDictionaryHolds("zanzibarquux"))
        // The renumbered cache still serves the next build.
        try workspace.edit("customer-connect/questions-and-answers.md") { $0.replacingOccurrences(of: "Within 24 hours", with: "Within one day") }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "another edit after the renumbering")
    }

    @Test func bodyEditReusesPagesThatDoNotShowIt() throws {
        let workspace = try Workspace("reuse")
        let first = try workspace.build()
        #expect(first.pagesReused == 0)
        let unchanged = try workspace.build()
        // Everything, the sitemap too: the same pages from the same front matter.
        #expect(unchanged.pagesReused == unchanged.pagesWritten)

        let before = try fileContents(in: workspace.output)
        try workspace.edit("customer-connect/questions-and-answers.md") { $0.replacingOccurrences(of: "Within 24 hours", with: "Within one day") }
        let report = try workspace.build()
        let after = try fileContents(in: workspace.output)
        #expect(report.pagesReused > 0 && report.pagesReused < report.pagesWritten)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed.contains("customer-connect/questions-and-answers.html"))
        #expect(!changed.contains("letters/2022-08-30-customer-relations-coordinators.html"))
        #expect(!changed.contains("codes/2345-5035-redline.html"))
    }

    @Test func cleanRendersEverything() throws {
        let workspace = try Workspace("clean")
        try workspace.build()
        let report = try workspace.build(clean: true)
        #expect(report.pagesReused == 0)
        #expect(try workspace.build().pagesReused > 0)
    }

    @Test func handEditedOutputIsRenderedAgain() throws {
        let workspace = try Workspace("tampered")
        try workspace.build()
        let page = workspace.output.appendingPathComponent("positions/2370-0671-current.html")
        try Data("edited by hand".utf8).write(to: page)
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("codes/0340-0016-redline.html"))
        try workspace.build()
        try Self.expectSameAsClean(workspace, "hand-edited output")
    }

    @Test func unreadableCacheMeansFullBuild() throws {
        let workspace = try Workspace("corrupt")
        try workspace.build()
        try Data("{not json".utf8).write(to: workspace.cache.appendingPathComponent("manifest.bin"))
        let report = try workspace.build()
        #expect(report.pagesReused == 0)
        try Self.expectSameAsClean(workspace, "corrupt manifest")

        // Damaged document records: cut short, or garbage; each is read as absent and rebuilt.
        let documents = workspace.cache.appendingPathComponent("documents")
        let index = try Data(contentsOf: documents.appendingPathComponent("index.bin"))
        try index.prefix(index.count / 2).write(to: documents.appendingPathComponent("index.bin"))
        try Data("garbage".utf8).write(to: documents.appendingPathComponent("front-matter.bin"))
        // The pack of bodies: a stretch in the middle zeroed, then cut short; the records hit are rendered again.
        var pack = try Data(contentsOf: documents.appendingPathComponent("bodies.pack"))
        pack.replaceSubrange(pack.count / 3..<pack.count / 2, with: Data(count: pack.count / 2 - pack.count / 3))
        try pack.prefix(pack.count * 3 / 4).write(to: documents.appendingPathComponent("bodies.pack"))
        try Data([1, 2, 3]).write(to: documents.appendingPathComponent("search-terms.bin"))
        try workspace.edit("customer-connect/questions-and-answers.md") { $0 + "\nAn added answer.\n" }
        try workspace.build()
        try Self.expectSameAsClean(workspace, "damaged document records")
    }

    /// The record of each unit's files is saved just before the output is swapped in. Should the swap fail, the
    /// cache describes a build the output does not hold: the next build must still come out right.
    @Test func aRecordNewerThanTheOutputIsSafe() throws {
        let workspace = try Workspace("record")
        try workspace.build()
        // The output as it was, with its files' sizes and times, as if the next swap failed.
        let kept = workspace.folder.appendingPathComponent("kept")
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-a", workspace.output.path, kept.path]
        try copy.run()
        copy.waitUntilExit()
        #expect(copy.terminationStatus == 0)
        try workspace.edit("customer-connect/questions-and-answers.md") { $0.replacingOccurrences(of: "Within 24 hours", with: "Within one day") }
        try workspace.build()
        try FileManager.default.removeItem(at: workspace.output)
        try FileManager.default.moveItem(at: kept, to: workspace.output)
        let report = try workspace.build()
        #expect(report.pagesReused > 0 && report.pagesReused < report.pagesWritten)
        try Self.expectSameAsClean(workspace, "after the output went back one build")
    }

    @Test func failedBuildKeepsTheCacheUsable() throws {
        let workspace = try Workspace("failed")
        try workspace.build()
        let manifest = try Data(contentsOf: workspace.cache.appendingPathComponent("manifest.bin"))
        try workspace.edit("customer-connect/questions-and-answers.md") { $0.replacingOccurrences(of: "kind: qa", with: "kind: nonsense") }
        #expect(throws: SiteBuilder.Failure.self) { try workspace.build() }
        #expect(try Data(contentsOf: workspace.cache.appendingPathComponent("manifest.bin")) == manifest)
        try workspace.edit("customer-connect/questions-and-answers.md") { $0.replacingOccurrences(of: "kind: nonsense", with: "kind: qa") }
        #expect(try workspace.build().pagesReused > 0)
        try Self.expectSameAsClean(workspace, "after a failed build")
    }
}
