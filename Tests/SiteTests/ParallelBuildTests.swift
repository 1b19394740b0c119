import Foundation
@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
import PortalContent
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import PortalWork
import Testing


/// Bodies and generators run on several threads; the site they write must not depend on it.
@Suite struct ParallelBuildTests {
    /// The repository's content plus enough generated documents that threads interleave.
    func makeContent() throws -> URL {
        let folder = try temporaryFolder("parallel")
        let content = folder.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: content)
        let articles = content.appendingPathComponent("generated")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        for index in 0..<48 {
            let body = """
                ---
                title: Generated note \(index)
                kind: article
                date: 2024-01-\(String(format: "%02d", index % 28 + 1))
                ---

                Note \(index) concerns the Customer Relations Coordinator, 2345-5035, and 2370-0671.

                ## Background \(index)

                | Position | Occupation code |
                |---|---|
                | Customer Relations Coordinator | 2345-5035 |

                - ~~Old wording \(index)~~ new wording, see <https://example.org/\(index)>.
                - Footnoted claim.[^n]

                ```staffing bands model=customer-relations-2022
                ```

                [^n]: Footnote of note \(index).

                """
            try Data(body.utf8).write(to: articles.appendingPathComponent("note-\(index).md"))
        }
        return content
    }

    func build(_ content: URL, jobs: Int) throws -> [String: Data] {
        let output = try temporaryFolder("parallel-out-\(jobs)").appendingPathComponent("Public")
        var options = SiteBuilder.Options(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content")
        options.jobs = jobs
        _ = try SiteBuilder(options: options).build()
        return try fileContents(in: output)
    }

    @Test func parallelBuildIsByteIdenticalToSerialBuild() throws {
        let content = try makeContent()
        let serial = try build(content, jobs: 1)
        #expect(serial.count > 60)
        for jobs in [2, 4] {
            let parallel = try build(content, jobs: jobs)
            #expect(parallel.keys.sorted() == serial.keys.sorted())
            let differing = serial.keys.sorted().filter { parallel[$0] != serial[$0] }
            #expect(differing.isEmpty, "files that differ with \(jobs) threads: \(differing.prefix(10))")
        }
    }

    @Test func parallelMapKeepsInputOrder() {
        let items = Array(0..<1000)
        let mapped = ParallelWork(jobs: 4).map(items) { item -> Int in
            if item % 7 == 0 { usleep(50) }  // uneven work, so threads finish out of order
            return item * 2
        }
        #expect(mapped == items.map { $0 * 2 })
        #expect(ParallelWork(jobs: 1).map(items) { $0 + 1 } == items.map { $0 + 1 })
    }

    /// A generator maps over its pages inside the map over generators; that inner map must use every thread too.
    @Test func nestedMapRunsItemsAtTheSameTime() {
        let work = ParallelWork(jobs: 2)
        let met = work.map([0, 1]) { _ -> [Bool] in
            // Each inner item waits for its sibling, which only arrives when both run at once.
            let (first, second) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
            return work.map([0, 1]) { item -> Bool in
                let (mine, other) = item == 0 ? (first, second) : (second, first)
                mine.signal()
                return other.wait(timeout: .now() + 10) == .success
            }
        }
        #expect(met == [[true, true], [true, true]])
    }

    /// Background work runs while the caller goes on, and the caller gets its result when it asks.
    @Test func backgroundWorkOverlapsTheCaller() {
        let (started, released) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let background = BackgroundWork(jobs: 2) { () -> Int in
            started.signal()
            // Waits for the caller, which only works if both run at once.
            return released.wait(timeout: .now() + 10) == .success ? 42 : -1
        }
        #expect(started.wait(timeout: .now() + 10) == .success, "the work started before anything asked for it")
        released.signal()
        #expect(background.result() == 42)
        #expect(background.result() == 42)
    }

    /// With one job the work runs on the caller's thread, when first asked for, and only once.
    @Test func backgroundWorkWithOneJobRunsWhenAskedFor() {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var runs = 0
        }
        let counter = Counter()
        let background = BackgroundWork(jobs: 1) { () -> Int in
            counter.lock.withLock { counter.runs += 1 }
            return 7
        }
        #expect(counter.lock.withLock { counter.runs } == 0)
        #expect(background.result() == 7 && background.result() == 7)
        #expect(counter.lock.withLock { counter.runs } == 1)
    }

    /// `take()` hands the result over with no copy left behind, so the caller's first change to it copies nothing.
    @Test func takenBackgroundWorkKeepsNoReference() {
        final class Box: @unchecked Sendable {}
        for jobs in [1, 2] {
            let kept = BackgroundWork(jobs: jobs) { Box() }
            var shared = kept.result()
            #expect(!isKnownUniquelyReferenced(&shared), "result() keeps its copy, jobs \(jobs)")
            let taken = BackgroundWork(jobs: jobs) { Box() }
            var alone = taken.take()
            #expect(isKnownUniquelyReferenced(&alone), "jobs \(jobs)")
        }
    }
}
