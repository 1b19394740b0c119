import Foundation
@testable import PortalDocumentPages
@testable import PortalPages
@testable import PortalSite
import Testing

/// End to end: a small site with a response and a decision, built into a temporary folder; the dossier's
/// timeline, "Cited by", the reply pages and `deadlines.ics`.
@Suite struct ConsultationTimelinePagesTests {
    /// 2023-01-10T00:00:00Z, the build's "today".
    static let epoch = 1_673_308_800

    static let files: [String: String] = [
        "letters/2022-08-30-proposal.md": """
            ---
            title: The proposal
            kind: letter
            date: 2022-08-30
            from: {name: B. Nicholson, organization: USPS}
            to: {name: I. Butts, organization: NAPS}
            statute: 39 U.S.C. §1004(d)
            enclosures:
              - {code: 2345-5035, version: proposed}
            ---

            We propose a coordinator.
            """,
        "positions/2345-5035-proposed.md": """
            ---
            title: Coordinator
            kind: position
            date: 2022-08-30
            occupation_code: 2345-5035
            grade: EAS-17
            version: proposed
            consultation: letters/2022-08-30-proposal.md
            ---

            ## Duties

            Coordinates.
            """,
        "letters/2022-12-20-second.md": """
            ---
            title: The second proposal
            kind: letter
            date: 2022-12-20
            from: {name: B. Nicholson, organization: USPS}
            to: {name: I. Butts, organization: NAPS}
            statute: 39 U.S.C. §1004(d)
            enclosures: []
            ---

            This follows [the earlier proposal](2022-08-30-proposal.md).
            """,
        "responses/2022-11-02-recommendations.md": """
            ---
            title: NAPS recommendations
            kind: response
            date: 2022-11-02
            responds_to: letters/2022-08-30-proposal.md
            from: {name: I. Butts, organization: NAPS}
            to: {name: B. Nicholson, organization: USPS}
            ---

            We recommend against it.
            """,
        "decisions/2022-10-01-decision.md": """
            ---
            title: Decision to implement
            kind: decision
            date: 2022-10-01
            decides: letters/2022-08-30-proposal.md
            implements_on: 2023-02-01
            ---

            We will implement.
            """,
    ]

    func build(_ files: [String: String] = Self.files, name: String = #function) throws -> URL {
        let folder = try temporaryFolder(name)
        let content = folder.appendingPathComponent("Content")
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        var options = SiteBuilder.Options(
            contentDirectory: content, themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: folder.appendingPathComponent("Public"), contentDisplayRoot: "Content")
        options.sourceDateEpoch = Self.epoch
        _ = try SiteBuilder(options: options).build()
        return folder.appendingPathComponent("Public")
    }

    /// The `<li>` of the timeline step labelled `label`, whitespace collapsed.
    func step(_ label: String, in html: String) throws -> String {
        let start = try #require(html.range(of: "<span class=\"step-label\">\(label)</span>"))
        let open = try #require(html.range(of: "<li", options: .backwards, range: html.startIndex..<start.lowerBound))
        let end = try #require(html.range(of: "</li>", range: start.upperBound..<html.endIndex))
        return String(html[open.lowerBound..<end.upperBound]).replacing(/\s+/, with: " ")
    }

    @Test func theDossierShowsEveryStepWithItsStateAndFlags() throws {
        let output = try build()
        let html = try read(output.appendingPathComponent("letters/2022-08-30-proposal.html"))
        #expect(try step("Proposal sent", in: html).contains("step-done"))
        let end = try step("Review period ends", in: html)
        #expect(end.contains("step-done") && end.contains("datetime=\"2022-10-29\""))
        let answered = try step("Recommendations received", in: html)
        #expect(answered.contains("step-done step-late") && answered.contains("late: 4 days after the review period ended"))
        #expect(answered.contains("../responses/2022-11-02-recommendations.html"))
        let decision = try step("Decision to implement", in: html)
        #expect(decision.contains("step-flagged") && decision.contains("no extraordinary circumstances stated"))
        let onDecision = try step("Recommendations on the decision", in: html)
        #expect(onDecision.contains("step-due") && onDecision.contains("data-due=\"2023-02-01\"") && onDecision.contains("(22 days left)"))
        #expect(onDecision.contains("data-after-state=\"not-on-file\""))
        let implementation = try step("Implementation", in: html)
        #expect(implementation.contains("step-due") && implementation.contains("data-after-state=\"done\""))
        #expect(html.contains("<p class=\"timeline-warning\"><strong>Flagged:</strong>"))
        #expect(html.contains("assets/timeline.js"))
        #expect(html.contains("href=\"../deadlines.ics\""))
        // The second letter cites the first, which lists it; nothing cites the second.
        #expect(html.contains("<h2 id=\"cited-by\">Cited by</h2>") && html.contains("href=\"../letters/2022-12-20-second.html\">The second proposal</a>"))
        let second = try read(output.appendingPathComponent("letters/2022-12-20-second.html"))
        #expect(!second.contains("Cited by"))
        let open = try step("Recommendations received", in: second)
        #expect(open.contains("step-due") && open.contains("data-due=\"2023-02-18\"") && open.contains("(39 days left)"))
        #expect(try step("Decision to implement", in: second).contains("Not on file"))
    }

    /// The seeds hold no responses or decisions: the real dossiers show those steps as not on file, invent nothing,
    /// and the calendar holds no event (every real review period has ended).
    @Test func theRealDossiersShowWhatIsNotOnFile() throws {
        let output = try buildRealContent("real-timeline").output
        for letter in ["letters/2022-08-30-customer-relations-coordinators.html", "letters/2019-12-12-enterprise-customer-care-restructure.html"] {
            let html = try read(output.appendingPathComponent(letter))
            #expect(try step("Proposal sent", in: html).contains("step-done"))
            #expect(try step("Review period ends", in: html).contains("step-done"))
            for label in ["Recommendations received", "Decision to implement", "Recommendations on the decision", "Implementation"] {
                let shown = try step(label, in: html)
                #expect(shown.contains("step-not-on-file") && shown.contains("Not on file") && !shown.contains("<time") && !shown.contains("<a "), "\(letter): \(shown)")
            }
            #expect(!html.contains("timeline-warning") && !html.contains("Cited by"))
        }
        #expect(try ParsedCalendar(read(output.appendingPathComponent(DeadlineCalendar.path))).events.isEmpty)
    }

    @Test func replyPagesLinkWhatTheyAnswerAndSayHowTheyStand() throws {
        let output = try build()
        let response = try read(output.appendingPathComponent("responses/2022-11-02-recommendations.html"))
        #expect(response.contains("The letter <a href=\"../letters/2022-08-30-proposal.html\">The proposal</a>"))
        #expect(response.contains("Received after the review period ended on October 29, 2022."))
        #expect(response.contains("<dt>From</dt><dd>I. Butts, NAPS</dd>"))
        let decision = try read(output.appendingPathComponent("decisions/2022-10-01-decision.html"))
        #expect(decision.contains("<strong>Flagged:</strong> Dated before the review period ends (October 29, 2022), with no extraordinary circumstances stated."))
        #expect(decision.contains("<time datetime=\"2023-02-01\">February 1, 2023</time>"))
        let home = try read(output.appendingPathComponent("index.html"))
        #expect(home.contains("href=\"deadlines.ics\""))
    }

    @Test func deadlinesCalendarIsValidFoldedAndStable() throws {
        let first = try Data(contentsOf: build().appendingPathComponent(DeadlineCalendar.path))
        let second = try Data(contentsOf: build(name: "again").appendingPathComponent(DeadlineCalendar.path))
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        let calendar = try ParsedCalendar(text)
        #expect(calendar.properties.first == "BEGIN:VCALENDAR" && calendar.properties.last == "END:VCALENDAR")
        #expect(calendar.properties.contains("VERSION:2.0"))
        let uids = calendar.events.compactMap { $0.first { $0.hasPrefix("UID:") } }
        #expect(uids == [
            "UID:recommendationsOnDecision/letters/2022-08-30-proposal.md@consultation-portal",
            "UID:implementation/letters/2022-08-30-proposal.md@consultation-portal",
            "UID:reviewPeriodEnds/letters/2022-12-20-second.md@consultation-portal",
        ])
        for event in calendar.events {
            #expect(event.contains("DTSTAMP:20230110T000000Z"))
            #expect(event.contains { $0.hasPrefix("DTSTART;VALUE=DATE:") } && event.contains { $0.hasPrefix("DTEND;VALUE=DATE:") })
        }
        #expect(calendar.events[2].contains("DTSTART;VALUE=DATE:20230218") && calendar.events[2].contains("DTEND;VALUE=DATE:20230219"))
        #expect(calendar.events[2].contains("SUMMARY:Review period ends: The second proposal"))
    }

    /// A title with a line break must not start a property or an event of its own (a base_url with one is refused when
    /// site.yaml is read: `PublishingSettingsTests`).
    @Test func lineBreaksInValuesCannotAddProperties() throws {
        var files = Self.files
        files["letters/2022-12-20-second.md"] = files["letters/2022-12-20-second.md"]!
            .replacingOccurrences(of: "title: The second proposal", with: "title: \"Second\\r\\nUID:evil, with; text\"")
        let text = try read(build(files).appendingPathComponent(DeadlineCalendar.path))
        let calendar = try ParsedCalendar(text)
        #expect(calendar.events.count == 3)
        #expect(!calendar.properties.contains { $0.hasPrefix("UID:evil") })
        #expect(calendar.properties.contains("SUMMARY:Review period ends: Second\\nUID:evil\\, with\\; text"))
    }

    @Test func withNothingDueTheCalendarHoldsNoEvent() throws {
        var files = Self.files
        files["decisions/2022-10-01-decision.md"] = nil
        files["letters/2022-12-20-second.md"] = nil
        let text = try read(build(files).appendingPathComponent(DeadlineCalendar.path))
        #expect(try ParsedCalendar(text).events.isEmpty)
    }

    @Test func foldingKeepsLinesWithin75OctetsAndCharactersWhole() throws {
        let long = "SUMMARY:" + String(repeating: "é§", count: 60)
        let folded = ICalendarText.folded(long)
        #expect(folded.hasSuffix("\r\n"))
        // By bytes: "\r\n" is one Character, so dropping two would take a letter with it.
        let lines = String(decoding: folded.utf8.dropLast(2), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        for line in lines { #expect(line.utf8.count <= 75) }
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == long)
        #expect(ICalendarText.escaped("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
    }
}

/// An iCalendar file read back as RFC 5545 says: CRLF line ends, folded lines joined, VEVENTs collected.
struct ParsedCalendar {
    struct Malformed: Error, CustomStringConvertible { var description: String }

    /// Every unfolded content line.
    var properties: [String] = []
    /// The content lines of each VEVENT, without BEGIN and END.
    var events: [[String]] = []

    init(_ text: String) throws {
        guard text.hasSuffix("\r\n") else { throw Malformed(description: "the file does not end with CRLF") }
        let physical = String(decoding: text.utf8.dropLast(2), as: UTF8.self).components(separatedBy: "\r\n")
        for line in physical {
            guard !line.contains("\n") && !line.contains("\r") else { throw Malformed(description: "a bare line break in \(line)") }
            guard line.utf8.count <= 75 else { throw Malformed(description: "a line over 75 octets: \(line)") }
            if line.hasPrefix(" ") {
                guard !properties.isEmpty else { throw Malformed(description: "a continuation line first") }
                properties[properties.count - 1] += line.dropFirst()
            } else {
                guard line.contains(":") else { throw Malformed(description: "a line with no value: \(line)") }
                properties.append(line)
            }
        }
        var current: [String]?
        for property in properties {
            switch property {
            case "BEGIN:VEVENT": current = []
            case "END:VEVENT":
                guard let event = current else { throw Malformed(description: "END:VEVENT without BEGIN") }
                events.append(event)
                current = nil
            default: current?.append(property)
            }
        }
    }
}
