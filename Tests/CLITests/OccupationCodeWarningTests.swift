import Foundation
import Testing

/// A code with no description on file is a warning for `portal build`, and an error with `--strict`.
@Suite struct OccupationCodeWarningTests {
    let files = [
        "articles/a.md": article("A", body: "The retired code 9999-0001 is gone; the ZIP 22314-2753 is no code."),
    ]

    @Test func buildWarnsAndWrites() throws {
        let site = try makeSite(files)
        let result = try PortalProcess.run(["build"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Content/articles/a.md:7:18: warning: occupation code 9999-0001 has no description on file"), "\(result.stderr)")
        #expect(!result.stderr.contains("occupation code 2314-2753"))
        let page = try read(site.appendingPathComponent("Public/codes/9999-0001.html"))
        #expect(page.contains("No position description with occupation code 9999-0001 is on file"))
    }

    @Test func strictBuildFailsAndWritesNothing() throws {
        let site = try makeSite(files)
        let result = try PortalProcess.run(["build", "--strict"], in: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("warning: occupation code 9999-0001 has no description on file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))
    }
}
