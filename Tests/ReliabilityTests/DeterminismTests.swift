import Foundation
import Testing

/// Two builds of the same input are byte-identical, whatever the clock, time zone, locale, or hash seed.
///
/// Each build is a separate `portal` process, so Swift's per-process hash
/// seed differs between them and any iteration over an unsorted dictionary or
/// set shows up as a difference.
@Suite(.serialized) struct DeterminismTests {
    func build(_ content: URL, into output: URL, environment: [String: String]) throws -> [String: Data] {
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_DETERMINISTIC_HASHING"] = nil
        env.merge(environment) { $1 }
        let result = try Portal.run(
            ["build", "--content", content.path, "--theme", themeFolder.path, "--output", output.path],
            in: output.deletingLastPathComponent(), environment: env)
        try #require(result.status == 0, "\(result.stderr)")
        return try snapshot(output)
    }

    func assertReproducible(_ content: URL, sourceDateEpoch: String?) throws {
        let folder = try temporaryFolder()
        var first = ["TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        var second = ["TZ": "Pacific/Kiritimati", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"]
        first["SOURCE_DATE_EPOCH"] = sourceDateEpoch
        second["SOURCE_DATE_EPOCH"] = sourceDateEpoch
        let a = try build(content, into: folder.appendingPathComponent("A/Public"), environment: first)
        // Long enough for any clock reading in seconds, even the two-second steps of ZIP times, to change.
        Thread.sleep(forTimeInterval: 2.1)
        let b = try build(content, into: folder.appendingPathComponent("B/Site"), environment: second)
        #expect(a.count > 3)
        #expect(differences(a, b).isEmpty, "differs: \(differences(a, b).prefix(10))")
    }

    @Test func realContentBuildsByteIdenticallyWithSourceDateEpoch() throws {
        try assertReproducible(repositoryRoot.appendingPathComponent("Content"), sourceDateEpoch: "1700000000")
    }

    @Test func realContentBuildsByteIdenticallyWithoutSourceDateEpoch() throws {
        try assertReproducible(repositoryRoot.appendingPathComponent("Content"), sourceDateEpoch: nil)
    }

    @Test func injectionCorpusBuildsByteIdentically() throws {
        try assertReproducible(fixturesFolder.appendingPathComponent("injection/Content"), sourceDateEpoch: "1700000000")
    }

    /// Dates in the output come from the content or from SOURCE_DATE_EPOCH, never from the clock.
    @Test func noWallClockTimestampInTheOutput() throws {
        let folder = try temporaryFolder()
        let files = try build(
            repositoryRoot.appendingPathComponent("Content"), into: folder.appendingPathComponent("Public"),
            environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        let now = Date()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
        let stamp = String(formatter.string(from: now).prefix(13))  // e.g. 2026-11-23T16 (date and hour)
        let http = DateFormatter()
        http.locale = Locale(identifier: "en_US_POSIX")
        http.timeZone = TimeZone(identifier: "UTC")
        http.dateFormat = "EEE, dd MMM yyyy HH"
        let rfc822 = http.string(from: now)
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(stamp), "\(path) holds the current time \(stamp)")
            #expect(!text.contains(rfc822), "\(path) holds the current time \(rfc822)")
        }
    }
}
