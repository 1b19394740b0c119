import Foundation
import Glibc
import PortalBundle
import PortalCache
import PortalCheck
import PortalOutput
import PortalPages
import PortalRender
import PortalSite
import Testing

#if canImport(Glibc)
#endif

/// No `--output`, `--cache` or name beside the output makes the portal write over or delete a user's files.
///
/// Each case runs the built binary twice in a row in a scratch project (content, theme, a `.git`
/// folder and user files), and compares every entry of the project before and after: regular
/// files by their bytes, symbolic links by their targets, folders by their names.
@Suite struct OutputSafetyTests {
    /// A scratch project: `Content/` (two documents), `Theme/` (a copy of the real one), `.git/` and `notes/` with a user file.
    func project(_ name: String = #function) throws -> URL {
        let folder = try temporaryFolder(name)
        try write(
            "---\nkind: article\ntitle: About\ndate: 2022-08-30\n---\nThe portal.\n",
            to: folder.appendingPathComponent("Content/articles/about.md"))
        try write("title: Scratch\n", to: folder.appendingPathComponent("Content/site.yaml"))
        try FileManager.default.copyItem(at: themeFolder, to: folder.appendingPathComponent("Theme"))
        try write("[core]\n", to: folder.appendingPathComponent(".git/config"))
        try write("my notes\n", to: folder.appendingPathComponent("notes/notes.txt"))
        return folder
    }

    /// Every entry below `folder`: files by bytes, links by target, folders by name. Hidden entries included.
    func entries(_ folder: URL, skipping skipped: Set<String> = []) throws -> [String: String] {
        var found: [String: String] = [:]
        let manager = FileManager.default
        for path in try manager.subpathsOfDirectory(atPath: folder.path) where !skipped.contains(where: { path.hasPrefix($0) }) {
            let url = folder.appendingPathComponent(path)
            var info = stat()
            guard lstat(url.path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFLNK: found[path] = "link → " + ((try? manager.destinationOfSymbolicLink(atPath: url.path)) ?? "?")
            case S_IFDIR: found[path] = "folder"
            default: found[path] = "file " + (try Data(contentsOf: url)).base64EncodedString()
            }
        }
        return found
    }

    func build(_ arguments: [String], in folder: URL) throws -> Portal.Result {
        try Portal.run(["build", "--content", "Content", "--theme", "Theme", "--quiet"] + arguments, in: folder)
    }

    /// Builds twice with `arguments`; both must fail with `message` on one line, and nothing may change.
    func expectRefusedTwice(_ arguments: [String], in folder: URL, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try entries(folder)
        for round in 1...2 {
            let result = try build(arguments, in: folder)
            #expect(result.status == 1, "round \(round): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(message), "round \(round): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(!looksLikeACrash(result.stderr), sourceLocation: sourceLocation)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "one line per refusal: \(result.stderr)", sourceLocation: sourceLocation)
        }
        let after = try entries(folder)
        #expect(after == before, "changed: \(Set(after.keys).symmetricDifference(before.keys).sorted().prefix(8)), or bytes", sourceLocation: sourceLocation)
    }

    @Test func aUserFolderIsRefusedAndKeptAcrossTwoBuilds() throws {
        let folder = try project()
        try expectRefusedTwice(
            ["--output", "notes"], in: folder,
            message: "notes: error: notes holds files the portal did not write (notes/notes.txt); choose a new or empty --output, or pass --force to move notes aside")
    }

    @Test(arguments: [
        ("Content", "Content: error: the output is the content folder;"),
        ("Theme", "Theme: error: the output is the theme folder;"),
        (".", ".: error: the output contains the content folder"),
        ("Content/site", "Content/site: error: the output would lie inside the content folder"),
        ("Theme/assets/out", "Theme/assets/out: error: the output would lie inside the theme folder"),
        ("..", "..: error: the output contains the content folder"),
    ])
    func protectedFoldersAreRefusedEvenWithForce(_ output: String, _ message: String) throws {
        let folder = try project("protected-\(output)")
        try expectRefusedTwice(["--output", output], in: folder, message: message)
        try expectRefusedTwice(["--output", output, "--force"], in: folder, message: message)
    }

    @Test func theRepositoryRootAndAFolderHoldingContentAreRefused() throws {
        let folder = try project()
        // The content lives one level down; the output is the repository root that holds it.
        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("Content"), to: site.appendingPathComponent("Content"))
        let before = try entries(folder)
        let result = try Portal.run(
            ["build", "--content", "site/Content", "--theme", "Theme", "--output", "site", "--force"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("site: error: the output contains the content folder"), "\(result.stderr)")
        let root = try Portal.run(
            ["build", "--content", folder.path + "/site/Content", "--theme", folder.path + "/Theme", "--output", folder.path, "--force"],
            in: FileManager.default.temporaryDirectory)
        #expect(root.status == 1)
        #expect(root.stderr.contains("error: the output contains"), "\(root.stderr)")
        #expect(try entries(folder) == before)
    }

    @Test func aRegularFileAndASymbolicLinkAreRefused() throws {
        let folder = try project()
        try write("a file\n", to: folder.appendingPathComponent("site.txt"))
        try expectRefusedTwice(
            ["--output", "site.txt"], in: folder, message: "site.txt: error: site.txt is a file, not a folder;")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("elsewhere").path, withDestinationPath: "notes")
        try expectRefusedTwice(
            ["--output", "elsewhere"], in: folder, message: "elsewhere: error: elsewhere is a symbolic link;")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sneaky").path, withDestinationPath: "Content")
        try expectRefusedTwice(
            ["--output", "sneaky", "--force"], in: folder, message: "sneaky: error: the output is the content folder;")
    }

    @Test func theRootAndTheHomeFolderAreRefusedBeforeAnythingIsWritten() throws {
        let content = URL(fileURLWithPath: "/nonexistent-content"), theme = URL(fileURLWithPath: "/nonexistent-theme")
        var protected = OutputClaim.Protected(content: content, theme: theme)
        protected.home = "/home/someone"
        protected.workingDirectory = URL(fileURLWithPath: "/tmp/some-project")
        for (path, message) in [
            ("/", "the output is the file system's root"), ("/home/someone", "the output is the home folder"),
            ("/home", "the output contains the home folder"), ("/tmp/some-project", "the output is the current folder"),
        ] {
            let error = #expect(throws: OutputClaim.Refusal.self) {
                try OutputClaim.claim(URL(fileURLWithPath: path), shown: path, protecting: protected, force: true)
            }
            #expect(error?.message.hasPrefix(message) == true, "\(path): \(String(describing: error))")
        }
        // The binary too, from a throwaway folder: `/` is refused and no lock, cache or staging folder appears there.
        let folder = try project()
        let rootBefore = try FileManager.default.contentsOfDirectory(atPath: "/").sorted()
        let result = try build(["--output", "/", "--force"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("/: error: the output is the file system's root"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/").sorted() == rootBefore)
    }

    @Test func forceMovesWhatIsInTheWayAsideAndDeletesNothing() throws {
        let folder = try project()
        let notes = try entries(folder.appendingPathComponent("notes"))
        let first = try build(["--output", "notes", "--force"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("note: moved notes aside to notes.orig; nothing in it was deleted"), "\(first.stderr)")
        #expect(try entries(folder.appendingPathComponent("notes.orig")) == notes)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes/index.html").path))
        // The portal's own output is built over without --force, as often as wanted.
        for _ in 1...2 {
            let again = try build(["--output", "notes"], in: folder)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stderr.isEmpty, "\(again.stderr)")
        }
        // A second forced move never replaces the first one's folder.
        try write("other\n", to: folder.appendingPathComponent("other/file.txt"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("notes"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("other"), to: folder.appendingPathComponent("notes"))
        let second = try build(["--output", "notes", "--force"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("moved notes aside to notes.orig-2"), "\(second.stderr)")
        #expect(try entries(folder.appendingPathComponent("notes.orig")) == notes)
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.orig-2/file.txt"), encoding: .utf8) == "other\n")
    }

    @Test func filesAddedToTheOutputAfterABuildAreNeverDropped() throws {
        let folder = try project()
        let first = try build(["--output", "Public"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        try write("mine\n", to: folder.appendingPathComponent("Public/mine.txt"))
        try write("deep\n", to: folder.appendingPathComponent("Public/articles/extra/deep.txt"))
        try expectRefusedTwice(
            ["--output", "Public"], in: folder,
            message: "Public: error: Public/articles/extra, Public/mine.txt were added or changed since the last build, which a build would drop; move them out")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Public/mine.txt"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Public/articles/extra"))
        // A page saved over by an editor that writes a new file and renames it into place is someone's work too.
        try write("edited\n", to: folder.appendingPathComponent("Public/articles/edited.tmp"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Public/index.html"))
        try FileManager.default.moveItem(
            at: folder.appendingPathComponent("Public/articles/edited.tmp"), to: folder.appendingPathComponent("Public/index.html"))
        try expectRefusedTwice(
            ["--output", "Public"], in: folder,
            message: "Public: error: Public/index.html was added or changed since the last build")
        // Deleting the portal's own files, or editing one in place where no entry changed, is no reason to refuse.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Public/index.html"))
        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("Public/assets/site.css"))
        try handle.write(contentsOf: Data("edited in place".utf8))
        try handle.close()
        let again = try build(["--output", "Public"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Public/index.html").path))
        #expect(try !String(contentsOf: folder.appendingPathComponent("Public/assets/site.css"), encoding: .utf8).hasPrefix("edited"))
    }

    @Test func namesBesideTheOutputThatThePortalDidNotMakeAreLeftAlone() throws {
        let folder = try project()
        // Folders and files named as the portal names its own, but made by someone else.
        for name in [".Public.recycle", ".Public.staging-1", ".Public.old-1", ".portal-cache/Public"] {
            try write("keep \(name)\n", to: folder.appendingPathComponent("\(name)/keep.txt"))
        }
        try write("spill-like\n", to: folder.appendingPathComponent(".bodies.spill.1.1"))
        try write("target\n", to: folder.appendingPathComponent("notes/lock-target.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent(".Site.lock").path, withDestinationPath: "notes/lock-target.txt")
        let before = try entries(folder)
        // The default cache folder holds someone's file: refused, naming the way out.
        let refused = try build(["--output", "Public"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(".portal-cache/Public: error: holds files the portal did not write"), "\(refused.stderr)")
        // Without the cache, two builds succeed and leave every one of those names as it was.
        for _ in 1...3 {
            let result = try build(["--output", "Public", "--no-cache"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let after = try entries(folder, skipping: ["Public", ".Public.lock"])
        #expect(after.filter { before[$0.key] != nil } == before)
        #expect(Set(after.keys).subtracting(before.keys).isEmpty, "\(Set(after.keys).subtracting(before.keys).sorted())")
        // A lock that is a symbolic link is not followed.
        let locked = try build(["--output", "Site", "--no-cache"], in: folder)
        #expect(locked.status == 1, "\(locked.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("notes/lock-target.txt"), encoding: .utf8) == "target\n")
    }

    @Test func aCacheFolderThatIsNotThePortalsIsRefused() throws {
        let folder = try project()
        // Another tool's cache, tagged with the same file name.
        try write("Signature: 8a477f597d28d172789f06886806bc55\n# pip's cache\n", to: folder.appendingPathComponent("pip/CACHEDIR.TAG"))
        try write("wheel\n", to: folder.appendingPathComponent("pip/wheels/a.whl"))
        for arguments in [
            ["--cache", "notes"], ["--cache", "notes", "--clean"], ["--cache", "Content"], ["--cache", "Content/.cache"],
            ["--cache", "pip", "--clean"],
        ] {
            let before = try entries(folder)
            let result = try build(["--output", "Public"] + arguments, in: folder)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("--no-cache"), "\(arguments): \(result.stderr)")
            #expect(try entries(folder) == before, "\(arguments)")
        }
        // A cache the portal made is tagged, and --clean empties it.
        let made = try build(["--output", "Public", "--cache", "cache"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let tag = try String(contentsOf: folder.appendingPathComponent("cache/CACHEDIR.TAG"), encoding: .utf8)
        #expect(tag.hasPrefix("Signature: 8a477f597d28d172789f06886806bc55"))
        let clean = try build(["--output", "Public", "--cache", "cache", "--clean"], in: folder)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("cache/CACHEDIR.TAG").path))
    }

    /// A staging folder's name taken by someone else's folder stops the build, and that folder is neither
    /// moved to the recycled name nor removed when the half-made output is let go.
    @Test func aStagingNameTakenBySomeoneElseIsLeftAlone() throws {
        let folder = try temporaryFolder()
        let theirs = folder.appendingPathComponent(".Site.staging-\(getpid())")
        try write("theirs\n", to: theirs.appendingPathComponent("keep.txt"))
        let before = try entries(folder)
        #expect(throws: OutputDirectory.InTheWay.self) {
            _ = try OutputDirectory(destination: folder.appendingPathComponent("Site"))
        }
        let after = try entries(folder, skipping: [".Site.lock"])
        #expect(after == before)
        // The lock was let go: the next open takes it.
        try FileManager.default.removeItem(at: theirs)
        _ = try OutputDirectory(destination: folder.appendingPathComponent("Site"))
    }
}
