import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `portal serve` end to end: the real binary on a free loopback port, edited while it runs.
@Suite(.serialized) struct ServeCommandTests {
    /// Collects a child's output as it arrives.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ data: Data) { lock.withLock { text += String(decoding: data, as: UTF8.self) } }
        var value: String { lock.withLock { text } }
    }

    /// Polls `condition` until it holds or `seconds` pass.
    func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    @Test func servesRebuildsReloadsRefusesTraversalAndStopsOnCtrlC() throws {
        let site = try makeSite(["articles/hello.md": article("Hello", body: "First words.")])
        let process = Process()
        process.executableURL = PortalProcess.executable
        process.arguments = ["serve", "--port", "0", "--interval", "0.1"]
        process.currentDirectoryURL = site
        let stdout = Output(), stderr = Output()
        let outPipe = Pipe(), errPipe = Pipe()
        outPipe.fileHandleForReading.readabilityHandler = { stdout.append($0.availableData) }
        errPipe.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        #expect(eventually(within: 20) { stdout.value.contains("Serving") }, "serve did not start: \(stderr.value)")
        let match = try #require(stdout.value.firstMatch(of: /http:\/\/127\.0\.0\.1:([0-9]+)\//))
        let port = try #require(UInt16(match.output.1))

        // A page, with the reload script added by serve only.
        let page = try RawHTTP.get("/articles/hello.html", port: port)
        #expect(page.status == 200)
        #expect(page.body.contains("First words."))
        #expect(page.body.contains("<script src=\"/_portal/reload.js?build=1\"></script>"))
        #expect(!(try read(site.appendingPathComponent("Public/articles/hello.html"))).contains("_portal"))
        #expect(try RawHTTP.get("/_portal/reload.js", port: port).status == 200)
        let head = try RawHTTP.get("/articles/hello.html", port: port, method: "HEAD")
        #expect(head.status == 200)
        #expect(head.headers.contains("Content-Length: \(page.body.utf8.count)"))
        #expect(head.body.isEmpty)

        // An edit is served within a few seconds, under a new build number.
        try write(article("Hello", body: "Second words."), to: site.appendingPathComponent("Content/articles/hello.md"))
        #expect(try eventually(within: 10) { try RawHTTP.get("/articles/hello.html", port: port).body.contains("Second words.") })
        #expect(try RawHTTP.get("/_portal/status.js", port: port).body.contains("\"build\":2"))

        // Traversal, plain and encoded, is refused before the file system is read.
        for target in ["/../Content/articles/hello.md", "/articles/../../Content/site.yaml", "/%2e%2e/Content/articles/hello.md",
                       "/articles/..%2f..%2fContent%2farticles%2fhello.md", "/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd", "/.portal-build.lock"] {
            let response = try RawHTTP.get(target, port: port)
            #expect(response.status == 403, "\(target) gave \(response.status)")
            #expect(!response.body.contains("Second words"))
        }
        #expect(try RawHTTP.get("/articles", port: port).headers.contains("/articles/index.html"))

        // A broken build keeps the last good site and reports the error with file:line.
        try write("---\ntitle: Broken\nkind: article\ndate: 2024-13-45\n---\n", to: site.appendingPathComponent("Content/articles/broken.md"))
        #expect(try eventually(within: 10) {
            try RawHTTP.get("/_portal/status.json", port: port).body.contains("Content/articles/broken.md:4:7: error:")
        })
        let kept = try RawHTTP.get("/articles/hello.html", port: port)
        #expect(kept.status == 200)
        #expect(kept.body.contains("Second words."))

        // Ctrl-C stops it cleanly.
        kill(process.processIdentifier, SIGINT)
        #expect(eventually(within: 10) { !process.isRunning })
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(stdout.value.contains("Stopped."))
    }
}
