import Foundation

/// The repository root, found from this file's path, so tests can copy the real Theme/.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs the built `portal` binary as a subprocess, as an author or CI would.
///
/// The binary sits beside the test bundle in the build products folder
/// (`.build-NAME/debug/`), whatever scratch path the tests were built with.
struct PortalProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `portal` executable in the same products folder as the running test binary.
    static let executable: URL = {
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [running.deletingLastPathComponent().appendingPathComponent("portal")]
        if let first = CommandLine.arguments.first {
            let bundle = URL(fileURLWithPath: first).standardizedFileURL
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("portal"))
            // On macOS the runner lives inside `X.xctest/Contents/MacOS`.
            candidates.append(bundle.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("portal"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs `portal arguments…` in `directory` and waits for it to exit.
    ///
    /// - Parameter environment: variables set for the child on top of this process's own.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once, before waiting: read one after the other, a child that fills
        // the second one (64 KiB) blocks while the first is still open, and neither side gets on.
        let errData = ReadInBackground(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData.result(), as: UTF8.self))
    }
}

/// Reads a file handle to its end on a thread of its own (not a shared pool that blocked tests may have
/// filled); ``result()`` waits for it.
final class ReadInBackground: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func result() -> Data {
        done.wait()
        return data
    }
}

/// What publishing needs (``publishedSiteYAML``), so that `portal check --strict` reports only what a test puts in.
let publishedSiteYAML = "base_url: https://portal.example.org/\nid_authority: portal.example.org\nid_date: 2024-01-01\n"

/// A scratch site folder for one test: `Content/` with the given files and a copy of the real `Theme/`;
/// without a `site.yaml` among them, one with ``publishedSiteYAML``.
func makeSite(_ files: [String: String], name: String = #function) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("portal-cli-\(name.filter(\.isLetter))-\(UUID().uuidString)")
    let content = folder.appendingPathComponent("Content")
    try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Theme"), to: folder.appendingPathComponent("Theme"))
    for (path, text) in files.merging(["site.yaml": publishedSiteYAML], uniquingKeysWith: { given, _ in given }) {
        try write(text, to: content.appendingPathComponent(path))
    }
    return folder
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

func read(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
}

/// A minimal valid article with the given body.
func article(_ title: String, body: String) -> String {
    "---\ntitle: \(title)\nkind: article\ndate: 2024-01-02\n---\n\n\(body)\n"
}
