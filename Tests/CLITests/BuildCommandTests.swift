import Foundation
import Testing

/// `portal build` end to end: the build cache, `--clean` and `--no-cache`.
@Suite struct BuildCommandTests {
    let files = [
        "notes/a.md": article("First note", body: "The first note mentions nothing in particular."),
        "notes/b.md": article("Second note", body: "The second note links the [first](a.md)."),
    ]

    func build(_ extra: [String] = [], in folder: URL) throws -> PortalProcess.Result {
        try PortalProcess.run(["build", "--content", "Content", "--theme", "Theme", "--output", "Public"] + extra, in: folder)
    }

    @Test func secondBuildReusesPagesFromTheCacheBesideTheOutput() throws {
        let folder = try makeSite(files)
        let first = try build(in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("reused"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".portal-cache/Public/manifest.bin").path))

        try write(article("Second note", body: "The second note now says more, and links the [first](a.md)."),
                  to: folder.appendingPathComponent("Content/notes/b.md"))
        let second = try build(in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("reused"), "\(second.stdout)")
        #expect(try read(folder.appendingPathComponent("Public/notes/b.html")).contains("now says more"))

        let clean = try build(["--clean"], in: folder)
        #expect(clean.status == 0)
        #expect(!clean.stdout.contains("reused"), "\(clean.stdout)")
    }

    @Test func noCacheWritesNoCacheAndExcludesClean() throws {
        let folder = try makeSite(files)
        let result = try build(["--no-cache"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".portal-cache").path))
        let both = try build(["--no-cache", "--clean"], in: folder)
        #expect(both.status == 2)
        #expect(both.stderr.contains("--no-cache"))
    }

    @Test func cacheOptionPutsTheCacheWhereAsked() throws {
        let folder = try makeSite(files)
        let result = try build(["--cache", "elsewhere/cache"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("elsewhere/cache/manifest.bin").path))
        #expect(try build(["--cache", "elsewhere/cache"], in: folder).stdout.contains("reused"))
    }

    @Test func verboseTellsEachStageItsTimeAndThePeakMemory() throws {
        let folder = try makeSite(files)
        let result = try build(["--verbose", "--no-cache"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout + result.stderr
        for stage in ["Loading content", "Parsing 2 documents", "Rendering and writing pages", "Finishing"] {
            let line = output.split(separator: "\n").first { $0.hasPrefix(stage) }
            #expect(line?.contains(" took ") == true, "\(stage): \(output)")
            #expect(line?.contains("MiB") == true, "\(stage): \(output)")
        }
    }
}
