import Foundation
import Testing

/// `portal new` end to end: each kind lands in its folder with front matter that builds, and nothing is overwritten.
@Suite struct NewCommandTests {
    @Test(arguments: [
        (["letter", "Customer Care: \"Restructure\""], "letters/2024-03-04-customer-care-restructure.md"),
        (["position", "Customer Relations Coordinator", "--code", "2345-5035", "--grade", "EAS-17"], "positions/2345-5035-proposed.md"),
        (["position", "Old Coordinator", "--code", "2345-5035", "--version", "current"], "positions/2345-5035-current.md"),
        (["qa", "Customer Connect Q-and-A"], "questions-and-answers/customer-connect-q-and-a.md"),
        (["presentation", "NAPS Presentation"], "presentations/2024-03-04-naps-presentation.md"),
        (["article", "Coordinator Duties", "--folder", "customer-connect"], "customer-connect/coordinator-duties.md"),
    ])
    func createsADocumentThatBuilds(arguments: [String], path: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new"] + arguments + ["--date", "2024-03-04"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Created Content/\(path)\n")
        let text = try read(site.appendingPathComponent("Content/\(path)"))
        #expect(text.hasPrefix("---\ntitle: \""))
        #expect(text.contains("\ndate: 2024-03-04\n"))

        let check = try PortalProcess.run(["check", "--strict"], in: site)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let build = try PortalProcess.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let page = site.appendingPathComponent("Public/" + path.dropLast(3) + ".html")
        #expect(FileManager.default.fileExists(atPath: page.path))
    }

    @Test func refusesToOverwriteAnExistingDocument() throws {
        let site = try makeSite([:])
        let first = try PortalProcess.run(["new", "article", "Notes", "--date", "2024-03-04"], in: site)
        #expect(first.status == 0)
        let file = site.appendingPathComponent("Content/articles/notes.md")
        try write("edited by hand\n", to: file)
        let second = try PortalProcess.run(["new", "article", "Notes"], in: site)
        #expect(second.status == 1)
        #expect(second.stderr.hasPrefix("Content/articles/notes.md:1:1: error: this file already exists"))
        #expect(try read(file) == "edited by hand\n")
    }

    @Test func positionWithoutCodeIsAUsageError() throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "position", "Coordinator"], in: site)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--code"))
        let versioned = try PortalProcess.run(["new", "article", "Notes", "--version", "current"], in: site)
        #expect(versioned.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("Content").path).isEmpty)
    }
}
