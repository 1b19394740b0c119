import Foundation
import PortalSite

/// Shows a build's progress on standard error: one rewritten status line on a terminal, stage timings with `--verbose`, nothing otherwise.
///
/// A log or CI capture never gets progress noise: the status line is drawn
/// only when standard error is a terminal, and at most ten times a second.
final class BuildProgressDisplay: @unchecked Sendable {
    enum Mode {
        case quiet, normal, verbose
    }

    private let mode: Mode
    private let isTerminal: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var stageStarted = Date()
    private var stage = ""
    private var lineShown = false

    init(mode: Mode, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.mode = mode
        self.isTerminal = isTerminal
    }

    /// The callback to pass to ``SiteBuilder/Options/progress``, or nil when nothing would be shown.
    var callback: (@Sendable (BuildProgress) -> Void)? {
        guard mode == .verbose || mode == .normal && isTerminal else { return nil }
        return { [self] event in lock.withLock { handle(event) } }
    }

    /// Clears the status line so the summary or the errors start on a clean line.
    func finish() {
        lock.withLock {
            if mode == .verbose { logStageEnd() }
            clearLine()
        }
    }

    private func handle(_ event: BuildProgress) {
        switch event {
        case .stage(let name):
            if mode == .verbose { logStageEnd() }
            stage = name
            stageStarted = Date()
            draw(name + "…", force: true)
        }
    }

    private func logStageEnd() {
        guard !stage.isEmpty else { return }
        clearLine()
        let peak = Self.peakMemoryMiB().map { String(format: ", peak memory so far %.0f MiB", $0) } ?? ""
        write("\(stage) took \(String(format: "%.2f", Date().timeIntervalSince(stageStarted))) s\(peak)\n")
        stage = ""
    }

    /// The process's peak resident memory (`VmHWM` in /proc/self/status), or nil where there is none.
    static func peakMemoryMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1024
    }

    private func draw(_ text: String, force: Bool) {
        guard isTerminal, mode != .quiet else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        write("\r\u{1B}[K" + text)
        lineShown = true
    }

    private func clearLine() {
        guard lineShown else { return }
        write("\r\u{1B}[K")
        lineShown = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
