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

/// A build killed partway leaves the previous output byte-identical; two builds at once never interleave.
@Suite(.serialized) struct AtomicOutputTests {
    /// Large enough that writing the pages takes a while in a debug build (each article also gets search and feed entries).
    static let articleCount = 800

    /// Runs `portal build` of `content` into `output`, from `folder`.
    func build(_ content: URL, _ output: URL, in folder: URL) throws -> Portal.Running {
        try Portal.Running(
            ["build", "--content", content.path, "--theme", themeFolder.path, "--output", output.path], in: folder)
    }

    /// The staging folder a build writes into, once it has started writing.
    func stagingFolder(beside output: URL, pid: Int32) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging-\(pid)")
    }

    /// Polls until `condition` holds or `timeout` passes.
    func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(500)
        }
        return false
    }

    func countFiles(in folder: URL) -> Int {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects.count) ?? 0
    }

    @Test func sigkillWhileWritingLeavesThePreviousOutputByteIdentical() throws {
        let folder = try temporaryFolder()
        let content = folder.appendingPathComponent("Content")
        let output = folder.appendingPathComponent("Public")
        try makeLargeContent(at: content, count: Self.articleCount)
        let first = try build(content, output, in: folder).wait()
        try #require(first.status == 0, "\(first.stderr)")
        let before = try snapshot(output)
        let total = before.count

        // Change every page, so that a half-written swap could not go unnoticed.
        try makeLargeContent(at: content, count: Self.articleCount, variant: " (revised)")
        let second = try build(content, output, in: folder)
        let staging = stagingFolder(beside: output, pid: second.pid)
        // Kill once the staging folder holds some pages but not all of them: mid-write.
        let midWrite = waitUntil(timeout: 120) { countFiles(in: staging) > 20 }
        second.kill(SIGKILL)
        let result = second.wait()
        #expect(midWrite, "the build never started writing, or finished before it could be killed")
        #expect(result.status != 0, "the build finished before it was killed; raise articleCount")
        let staged = countFiles(in: staging)
        #expect(staged > 0 && staged < total, "staging held \(staged) of \(total) files when killed")

        let after = try snapshot(output)
        #expect(differences(before, after).isEmpty, "Public/ changed: \(differences(before, after).prefix(5))")
        #expect(after == before)

        // The next build clears what the killed one left and swaps in the new pages.
        let third = try build(content, output, in: folder).wait()
        #expect(third.status == 0, "\(third.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".staging-") || $0.contains(".old-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        let page = try String(contentsOf: output.appendingPathComponent("articles/00007.html"), encoding: .utf8)
        #expect(page.contains("Article 7 (revised)"))
    }

    @Test func secondConcurrentBuildIsRefusedWithAClearMessage() throws {
        let folder = try temporaryFolder()
        let big = folder.appendingPathComponent("Big")
        let small = folder.appendingPathComponent("Small")
        let output = folder.appendingPathComponent("Public")
        try makeLargeContent(at: big, count: Self.articleCount)
        try makeLargeContent(at: small, count: 2, variant: " from the small build")

        let first = try build(big, output, in: folder)
        // The first build holds the lock from before it creates its staging folder until it has swapped it in.
        let writing = waitUntil(timeout: 120) { countFiles(in: stagingFolder(beside: output, pid: first.pid)) > 0 }
        #expect(writing)
        let second = try build(small, output, in: folder).wait(timeout: 60)
        let firstResult = first.wait()

        #expect(firstResult.status == 0, "\(firstResult.stderr)")
        #expect(second.status == 1)
        #expect(second.stderr.contains("error: another build is writing this output (lock \(folder.path)/.Public.lock is held); wait for it to finish and run the build again"), "\(second.stderr)")
        // The output is the first build's, whole: no page of the second one slipped in.
        let pages = try FileManager.default.subpathsOfDirectory(atPath: output.appendingPathComponent("articles").path)
        #expect(pages.filter { $0.hasSuffix(".html") }.count == Self.articleCount + 1)
        let page = try String(contentsOf: output.appendingPathComponent("articles/00001.html"), encoding: .utf8)
        #expect(page.contains("Article 1<") && !page.contains("from the small build"))
    }

    /// Deterministic form of the same check: the test itself holds the lock, as another build would.
    @Test func heldLockStopsTheBuildBeforeItWrites() throws {
        let folder = try temporaryFolder()
        let content = folder.appendingPathComponent("Content")
        let output = folder.appendingPathComponent("Public")
        try makeLargeContent(at: content, count: 2)
        let descriptor = open(folder.appendingPathComponent(".Public.lock").path, O_CREAT | O_RDWR, 0o644)
        defer { close(descriptor) }
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)

        let result = try build(content, output, in: folder).wait(timeout: 60)
        #expect(result.status == 1)
        #expect(result.stderr == "error: another build is writing this output (lock \(folder.path)/.Public.lock is held); wait for it to finish and run the build again\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))

        flock(descriptor, LOCK_UN)
        #expect(try build(content, output, in: folder).wait(timeout: 60).status == 0)
    }
}
