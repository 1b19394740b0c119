import Foundation
import Testing

/// `portal staffing`: every district computed from a model and a CSV, in three formats, with located errors.
@Suite struct StaffingCommandTests {
    let model = repositoryRoot.appendingPathComponent("Content/data/customer-relations-2022.model.yaml").path
    let districts = repositoryRoot.appendingPathComponent("Content/data/customer-relations-2022.districts.csv").path

    func staffing(_ arguments: [String]) throws -> PortalProcess.Result {
        try PortalProcess.run(["staffing"] + arguments, in: FileManager.default.temporaryDirectory)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let result = try staffing(["--model", model, "--districts", districts, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 12)
        let texas = try #require(rows.first { $0["district"] as? String == "Texas" })
        #expect(Set(texas.keys) == ["district", "indexes", "score", "band", "earned", "flags"])
        #expect(texas["score"] as? String == "212.55")
        #expect(texas["band"] as? String == "187.00–203.00")
        #expect(texas["flags"] as? [String] == ["above-maximum"])
        #expect((texas["indexes"] as? [String: Any])?.count == 4)
        let hawaii = try #require(rows.first { $0["district"] as? String == "Hawaii" })
        #expect(hawaii["earned"] as? [String: Int] == ["2345-5035": 0, "2370-0671": 1])
        let alaska = try #require(rows.first { $0["district"] as? String == "Alaska" })
        #expect(alaska["band"] is NSNull)
        #expect(alaska["flags"] as? [String] == ["below-minimum"])
    }

    @Test func tableAndCSVFormats() throws {
        let table = try staffing(["--model", model, "--districts", districts])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Texas"))
        #expect(table.stdout.contains("212.55"))
        let csv = try staffing(["--model", model, "--districts", districts, "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").count == 14)  // header, 12 districts, totals
        #expect(csv.stdout.contains("\nTotal,"))
        #expect(csv.stdout.hasPrefix("District,"))
    }

    @Test func badCSVGivesLocatedErrorsAndExit1() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("bad.csv")
        try Data("district,c360_service_requests,congressional_and_pcc,possible_deliveries\nOhio,10,-3,5\n".utf8).write(to: csv)
        let result = try staffing(["--model", model, "--districts", csv.path, "--format", "json"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(csv.path):1:") && $0.contains("bsn_requests") })
        #expect(lines.contains { $0.hasPrefix("\(csv.path):2:") && $0.contains("-3") })
        #expect(result.stdout.isEmpty)
    }

    @Test func badModelWeightsAreLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let bad = folder.appendingPathComponent("model.yaml")
        let text = try String(contentsOfFile: model, encoding: .utf8).replacingOccurrences(of: "weight: 10}", with: "weight: 15}")
        try Data(text.utf8).write(to: bad)
        let result = try staffing(["--model", bad.path, "--districts", districts])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(bad.path):"))
        #expect(result.stderr.contains("105"))
    }

    @Test func missingOptionIsAUsageError() throws {
        let result = try staffing(["--model", model])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--districts"))
    }

    /// A sparse file: 37 MB long at once, with nothing on disk, so that only the size check can be quick.
    @Test func aCSVOverTheBuildLimitFailsFastWithTheLimit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("huge.districts.csv")
        try Data("district,c360_service_requests\n".utf8).write(to: csv)
        let handle = try FileHandle(forWritingTo: csv)
        try handle.truncate(atOffset: 37 * 1_048_576)
        try handle.close()
        let started = ContinuousClock.now
        let result = try staffing(["--model", model, "--districts", csv.path])
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(result.status == 1)
        #expect(result.stderr == "\(csv.path):1:1: error: this file is 38797312 bytes; the limit is 10 MB (10485760 bytes), as for every file a build reads\n")
        #expect(result.stdout.isEmpty)
    }

    /// A file whose size is not known beforehand is read only until it passes the limit.
    @Test func anEndlessInputStopsAtTheLimit() throws {
        let result = try staffing(["--model", model, "--districts", "/dev/zero"])
        #expect(result.status == 1)
        #expect(result.stderr == "/dev/zero:1:1: error: this file has more than 10485760 bytes; the limit is 10 MB (10485760 bytes), as for every file a build reads\n")
    }

    @Test func aModelOverTheLimitIsRefusedToo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let yaml = folder.appendingPathComponent("huge.model.yaml")
        try Data().write(to: yaml)
        let handle = try FileHandle(forWritingTo: yaml)
        try handle.truncate(atOffset: 10 * 1_048_576 + 1)
        try handle.close()
        let result = try staffing(["--model", yaml.path, "--districts", districts])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(yaml.path):1:1: error: this file is 10485761 bytes; the limit is 10 MB"))
    }

    @Test func invalidUTF8IsLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("bad.csv")
        try Data([UInt8]("district,bsn_requests\nOh".utf8) + [0xFF] + [UInt8]("io,1\n".utf8)).write(to: csv)
        let result = try staffing(["--model", model, "--districts", csv.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(csv.path):2:3: error: file is not valid UTF-8; save it as UTF-8 text\n")
    }
}
