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
        (["article", "Ünïcödé \\ \"Notes\" #1: «Team 👩‍💻»"], "articles/unicode-notes-1-team.md"),
    ])
    func createsADocumentThatBuilds(arguments: [String], path: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new"] + arguments + ["--date", "2024-03-04"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Created Content/\(path)\n")
        let text = try read(site.appendingPathComponent("Content/\(path)"))
        #expect(text.hasPrefix("---\ntitle: \""))
        #expect(text.contains("\ndate: 2024-03-04\n"))

        let check = try PortalProcess.run(["check"], in: site)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // What portal new leaves to fill in is a warning, so a half-filled document fails --strict.
        let strict = try PortalProcess.run(["check", "--strict"], in: site)
        #expect(strict.status == 1)
        let warnings = strict.stdout.split(separator: "\n")
        #expect(!warnings.isEmpty && warnings.allSatisfy { $0.hasPrefix("Content/\(path):") && $0.contains("still holds the placeholder") && $0.contains("replace it with") })
        let build = try PortalProcess.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let page = site.appendingPathComponent("Public/" + path.dropLast(3) + ".html")
        #expect(FileManager.default.fileExists(atPath: page.path))
    }

    @Test func aFilledInDocumentPassesStrictCheck() throws {
        let site = try makeSite([:])
        #expect(try PortalProcess.run(["new", "article", "Coordinator Duties", "--date", "2024-03-04"], in: site).status == 0)
        let file = site.appendingPathComponent("Content/articles/coordinator-duties.md")
        let filled = try read(file)
            .replacingOccurrences(of: "Describe this article in one sentence.", with: "What a coordinator does.")
            .replacingOccurrences(of: "The text of the article.", with: "A coordinator plans the work.")
        try write(filled, to: file)
        let strict = try PortalProcess.run(["check", "--strict"], in: site)
        #expect(strict.status == 0, "\(strict.stdout)")
    }

    @Test func responseAndDecisionLinkTheirLetterAndTakeItsPeople() throws {
        let letter = """
            ---
            title: The proposal
            kind: letter
            date: 2024-01-02
            from: {name: B. Nicholson, title: Manager, organization: USPS}
            to: {name: I. Butts, title: President, organization: NAPS}
            statute: 39 U.S.C. §1004(d)
            enclosures: []
            ---

            We propose.
            """
        let site = try makeSite(["letters/2024-01-02-proposal.md": letter])
        let response = try PortalProcess.run(
            ["new", "response", "Our recommendations", "--responds-to", "Content/letters/2024-01-02-proposal.md", "--date", "2024-02-01"], in: site)
        #expect(response.status == 0, "\(response.stderr)")
        #expect(response.stdout == "Created Content/responses/2024-02-01-our-recommendations.md\n")
        let responseText = try read(site.appendingPathComponent("Content/responses/2024-02-01-our-recommendations.md"))
        #expect(responseText.contains("\nresponds_to: \"letters/2024-01-02-proposal.md\"\n"))
        #expect(responseText.contains("from:\n  name: \"I. Butts\"\n  title: \"President\"\n  organization: \"NAPS\"\nto:\n  name: \"B. Nicholson\""))
        let decision = try PortalProcess.run(
            ["new", "decision", "The decision", "--decides", "letters/2024-01-02-proposal.md", "--date", "2024-04-01"], in: site)
        #expect(decision.status == 0, "\(decision.stderr)")
        let decisionText = try read(site.appendingPathComponent("Content/decisions/2024-04-01-the-decision.md"))
        #expect(decisionText.contains("\ndecides: \"letters/2024-01-02-proposal.md\"\n"))
        #expect(decisionText.contains("from:\n  name: \"B. Nicholson\""))
        let check = try PortalProcess.run(["check"], in: site)
        #expect(check.status == 0, "\(check.stdout)")
        let build = try PortalProcess.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let dossier = try read(site.appendingPathComponent("Public/letters/2024-01-02-proposal.html"))
        #expect(dossier.contains("../responses/2024-02-01-our-recommendations.html"))
        #expect(dossier.contains("../decisions/2024-04-01-the-decision.html"))
    }

    @Test(arguments: [
        (["response", "R"], "a response needs --responds-to"),
        (["response", "R", "--responds-to", "../secret.md"], "must be the path of a letter or decision inside the content folder"),
        (["response", "R", "--responds-to", "/etc/passwd"], "must be the path of a letter or decision"),
        (["response", "R", "--responds-to", "letters/missing.md"], "names no document"),
        (["response", "R", "--responds-to", "articles/a.md"], "is an article, not a letter or decision"),
        (["decision", "D"], "a decision needs --decides"),
        (["decision", "D", "--decides", "letters/link.md"], "names no document"),
        (["decision", "D", "--decides", "letters/a\n.md"], "must be the path of a letter inside the content folder"),
        (["article", "A", "--decides", "letters/x.md"], "--decides applies to decisions only"),
    ])
    func refusesABadTarget(arguments: [String], problem: String) throws {
        let site = try makeSite(["articles/a.md": "---\ntitle: A\nkind: article\ndate: 2024-01-02\n---\n\nText.\n"])
        // A link that leads out of the content folder names no document there.
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content/letters"), withIntermediateDirectories: true)
        try write("---\ntitle: Outside\n---\n", to: site.appendingPathComponent("outside.md"))
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("Content/letters/link.md").path, withDestinationPath: site.appendingPathComponent("outside.md").path)
        let result = try PortalProcess.run(["new"] + arguments, in: site)
        #expect(result.status == 2)
        #expect(result.stderr.contains(problem), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Content/responses").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Content/decisions").path))
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
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("Content").path) == ["site.yaml"])
    }

    @Test(arguments: [
        ("2022-13-01", "is not a calendar date"), ("2022-02-30", "is not a calendar date"), ("2023-02-29", "is not a calendar date"),
        ("2022-8-30", "is not a calendar date"), ("30/08/2022", "is not a calendar date"), ("２０２２-08-30", "is not a calendar date"),
        ("0000-01-01", "is outside the years 1900–2199"), ("9999-12-31", "is outside the years 1900–2199"),
        ("1899-12-31", "is outside the years 1900–2199"),
    ])
    func refusesADateThatIsNotOnTheCalendar(date: String, problem: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "letter", "T", "--date", date], in: site)
        #expect(result.status == 2)
        let shown = date.utf8.allSatisfy { $0 < 0x80 } ? date : "'\(date)'"
        #expect(result.stderr == "error: --date \(shown) \(problem); use YYYY-MM-DD, e.g. 2022-08-30\n")
        #expect(result.stdout.isEmpty)
        #expect(try entries(under: site) == ["Content", "Theme"])
    }

    @Test(arguments: ["1900-01-01", "2024-02-29", "2199-12-31"])
    func acceptsCalendarDatesAtTheEdges(date: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "letter", "T", "--date", date], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Created Content/letters/\(date)-t.md\n")
    }

    @Test(arguments: [
        (["article", "Ünïcödé"], "articles/unicode.md"),
        (["letter", "Straße für Æsir – Œuvre", "--date", "2024-03-04"], "letters/2024-03-04-strasse-fur-aesir-oeuvre.md"),
        (["qa", "ﬁnal Ｑ＆Ａ"], "questions-and-answers/final-q-a.md"),
    ])
    func foldsDiacriticsIntoAReadableSlug(arguments: [String], path: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new"] + arguments, in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Created Content/\(path)\n")
        let text = try read(site.appendingPathComponent("Content/\(path)"))
        #expect(text.contains("\ntitle: \"\(arguments[1])\"\n"))
    }

    @Test(arguments: ["日本語", "/", "..", "***", "・", "«—»", "Ω"])
    func refusesATitleThatLeavesNoFileName(title: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "article", title], in: site)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: the title "))
        #expect(result.stderr.contains("has no letter or digit A–Z or 0–9 to make a file name from"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try entries(under: site) == ["Content", "Theme"])
    }

    @Test(arguments: [
        ("../../outside", "articles/outside.md"), ("/tmp/outside", "articles/tmp-outside.md"),
        ("a/../../b", "articles/a-b.md"), (".hidden", "articles/hidden.md"), ("~/notes", "articles/notes.md"),
    ])
    func aTitleWithPathCharactersStaysInItsFolder(title: String, path: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "article", title], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Created Content/\(path)\n")
        #expect(try entries(under: site) == ["Content", "Content/\(path)", "Content/articles", "Theme"].sorted())
    }

    /// A NUL cannot reach the command: the system ends an argument at it, so the title is what comes before.
    @Test func aTitleWithNULEndsAtIt() throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "article", "notes\u{0}/../../outside"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Created Content/articles/notes.md\n")
        #expect(try entries(under: site) == ["Content", "Content/articles", "Content/articles/notes.md", "Theme"])
    }

    @Test(arguments: [
        ("a\nb", "the title 'a<U+000A>b' contains the invisible character U+000A; a title is one line of visible text"),
        ("x\n---\nkind: letter", "the title 'x<U+000A>---<U+000A>kind: letter' contains the invisible character U+000A; a title is one line of visible text"),
        ("fdp\u{202E}exe", "the title 'fdp<U+202E>exe' contains the invisible character U+202E; a title is one line of visible text"),
        ("tab\there", "the title 'tab<U+0009>here' contains the invisible character U+0009; a title is one line of visible text"),
        (String(repeating: "long ", count: 41), "the title is 205 characters long; the limit is 200, so shorten it and put the rest in the summary"),
        ("", "the title is empty; give it in quotes, e.g. \"Customer Relations Coordinators\""),
        ("   ", "the title '   ' shows nothing; give it in quotes, e.g. \"Customer Relations Coordinators\""),
        ("\u{200D}\u{301}", "the title '\u{200D}\u{301}' shows nothing; give it in quotes, e.g. \"Customer Relations Coordinators\""),
    ])
    func refusesATitleThatIsNotOneLineOfVisibleText(title: String, message: String) throws {
        let site = try makeSite([:])
        for kind in [["article"], ["position", "--code", "2345-5035"]] {
            let result = try PortalProcess.run(["new", kind[0], title] + kind.dropFirst(), in: site)
            #expect(result.status == 2)
            #expect(result.stderr == "error: \(message)\n")
        }
        #expect(try entries(under: site) == ["Content", "Theme"])
    }

    @Test func aVeryLongTitleIsRefusedWithoutEchoingIt() throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "letter", String(repeating: "x", count: 100_000)], in: site)
        #expect(result.status == 2)
        #expect(result.stderr == "error: the title is 100000 characters long; the limit is 200, so shorten it and put the rest in the summary\n")
        #expect(try entries(under: site) == ["Content", "Theme"])
    }

    @Test(arguments: [
        ("../outside", "--folder ../outside must be"), ("/tmp", "--folder /tmp must be"), ("a/../../b", "--folder a/../../b must be"),
        (".hidden", "--folder .hidden must be"), ("a//b", "--folder a//b must be"), ("Customer", "--folder Customer must be"),
        ("", "--folder '' must be"), ("data", "--folder cannot be data/"), ("data/x", "--folder cannot be data/"),
    ])
    func refusesAFolderOutsideTheContentFolder(folder: String, message: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "article", "Notes", "--folder", folder], in: site)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: \(message)"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try entries(under: site) == ["Content", "Theme"])
    }

    @Test(arguments: [
        (["--code", "２３４５-5035"], "error: --code '２３４５-5035' is not an occupation code"),
        (["--code", "2345-5035/../x"], "error: --code 2345-5035/../x is not an occupation code"),
        (["--code", "2345-5035", "--grade", "EAS-17\nx: y"], "error: --grade 'EAS-17<U+000A>x: y' must be"),
    ])
    func refusesAPositionValueThatIsNotWellFormed(options: [String], message: String) throws {
        let site = try makeSite([:])
        let result = try PortalProcess.run(["new", "position", "Coordinator"] + options, in: site)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message))
        #expect(try entries(under: site) == ["Content", "Theme"])
    }

    @Test func aFolderLinkedOutsideTheContentFolderIsNotWrittenThrough() throws {
        let site = try makeSite([:])
        let outside = site.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: site.appendingPathComponent("Content/articles"), withDestinationURL: outside)
        let result = try PortalProcess.run(["new", "article", "Notes"], in: site)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Content/articles: error: this folder is a symbolic link to "))
        #expect(result.stderr.hasSuffix(", outside the content folder; nothing was written\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    @Test func aDanglingLinkWhereTheFileWouldGoIsLeftAlone() throws {
        let site = try makeSite([:])
        let target = site.appendingPathComponent("outside.md")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content/articles"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: site.appendingPathComponent("Content/articles/notes.md"), withDestinationURL: target)
        let result = try PortalProcess.run(["new", "article", "Notes"], in: site)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Content/articles/notes.md:1:1: error: this file already exists"))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func refusesToOverwriteALetterOfTheSameDateAndTitle() throws {
        let site = try makeSite([:])
        let first = try PortalProcess.run(["new", "letter", "Notes", "--date", "2024-03-04"], in: site)
        #expect(first.status == 0)
        let file = site.appendingPathComponent("Content/letters/2024-03-04-notes.md")
        try write("edited by hand\n", to: file)
        let second = try PortalProcess.run(["new", "letter", "Notes!", "--date", "2024-03-04"], in: site)
        #expect(second.status == 1)
        #expect(second.stderr == "Content/letters/2024-03-04-notes.md:1:1: error: this file already exists and was left as it was; edit it, or choose another title\n")
        #expect(try read(file) == "edited by hand\n")
    }

    /// Every file and folder under `folder` but the copied theme's, relative to it and sorted.
    private func entries(under folder: URL) throws -> [String] {
        let all = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        // The site.yaml makeSite writes is not the command's.
        return all.filter { !$0.hasPrefix("Theme/") && $0 != "Content/site.yaml" }.sorted()
    }
}
