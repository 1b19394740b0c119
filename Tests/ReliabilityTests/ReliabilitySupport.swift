import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The repository root, found from this file's path, so tests read the real Theme/ and the fixtures.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let themeFolder = repositoryRoot.appendingPathComponent("Theme")
let fixturesFolder = repositoryRoot.appendingPathComponent("Tests/Fixtures")

/// A scratch folder for one test.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("portal-reliability-\(name.filter(\.isLetter))-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// Every regular file below `folder`, by relative path, with its bytes.
func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
        var isDirectory: ObjCBool = false
        let url = folder.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = try Data(contentsOf: url)
        }
    }
    return files
}

/// The paths where two snapshots differ, for readable failures.
func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
    Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
}

/// The built `portal` binary, run as a subprocess the way an author or CI runs it.
///
/// It sits beside the test binary in the products folder (`.build-NAME/debug/`),
/// whatever scratch path the tests were built with; the test target depends on
/// PortalCLI so that it is built first.
enum Portal {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the process outlived its time limit and was killed.
        var timedOut: Bool
    }

    static let executable: URL = {
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [running.deletingLastPathComponent().appendingPathComponent("portal")]
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).standardizedFileURL.deletingLastPathComponent().appendingPathComponent("portal"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// A started `portal` process whose output goes to files, so a full pipe never blocks it.
    final class Running {
        let process = Process()
        let stdoutFile: URL
        let stderrFile: URL

        init(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws {
            let logs = try temporaryFolder("logs")
            stdoutFile = logs.appendingPathComponent("stdout")
            stderrFile = logs.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
            process.executableURL = Portal.executable
            process.arguments = arguments
            process.currentDirectoryURL = directory
            if let environment { process.environment = environment }
            process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
            process.standardError = try FileHandle(forWritingTo: stderrFile)
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        func kill(_ signal: Int32 = SIGKILL) {
            Glibc.kill(process.processIdentifier, signal)
        }

        /// Waits for the process to end; kills it after `timeout` seconds.
        func wait(timeout: TimeInterval = 120) -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            var timedOut = false
            while process.isRunning {
                if Date() > deadline {
                    timedOut = true
                    kill()
                    break
                }
                usleep(2_000)
            }
            process.waitUntilExit()
            let out = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            return Result(status: process.terminationStatus, stdout: out, stderr: err, timedOut: timedOut)
        }
    }

    /// Runs `portal arguments…` in `directory` and waits, at most `timeout` seconds.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String]? = nil, timeout: TimeInterval = 120
    ) throws -> Result {
        try Running(arguments, in: directory, environment: environment).wait(timeout: timeout)
    }
}

/// Signs that a process crashed or trapped instead of reporting an error.
func looksLikeACrash(_ stderr: String) -> Bool {
    ["Fatal error", "Stack dump", "Backtrace", "Segmentation fault", "Illegal instruction", "💣"].contains { stderr.contains($0) }
}

/// A content folder of `count` articles, each a few paragraphs long, so that a build takes a while.
func makeLargeContent(at content: URL, count: Int, variant: String = "") throws {
    let paragraph = String(repeating: "Consultation text with **emphasis**, a [link](https://example.org) and `code`. ", count: 12)
    for index in 0..<count {
        let text = "---\ntitle: Article \(index)\(variant)\nkind: article\ndate: 2024-01-02\n---\n\n"
            + (1...6).map { "## Part \($0)\n\n\(paragraph)\n\n" }.joined()
        try write(text, to: content.appendingPathComponent(String(format: "articles/%05d.md", index)))
    }
}
