import Foundation
import Testing

import PortalBinaryCodec
@testable import PortalContent

/// Responses and decisions: their fields, located errors, and the checks that keep a consultation linked.
@Suite struct ReplyDocumentTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("portal-replies-\(UUID().uuidString)")
        for folder in ["letters", "positions", "responses", "decisions"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/\(folder)"), withIntermediateDirectories: true)
        }
    }

    func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent("Content/\(path)"))
    }

    func load() -> Result<ContentSite, Diagnostics> {
        Result { () throws(Diagnostics) in try ContentLoader(directory: root.appendingPathComponent("Content"), displayRoot: "Content").load() }
    }

    func diagnostics() -> [String] {
        switch load() {
        case .success(let site): site.warnings.map(\.description)
        case .failure(let found): found.items.map(\.description)
        }
    }

    static let letter = """
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

        We propose.
        """

    static let position = """
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
        """

    func response(_ date: String, respondsTo: String = "letters/2022-08-30-proposal.md", extra: String = "") -> String {
        "---\ntitle: Recommendations\nkind: response\ndate: \(date)\nresponds_to: \(respondsTo)\nfrom: {name: I. Butts}\nto: {name: B. Nicholson}\n\(extra)---\n\nWe recommend.\n"
    }

    func decision(_ date: String, implementsOn: String = "2023-01-15", extra: String = "") -> String {
        "---\ntitle: Decision\nkind: decision\ndate: \(date)\ndecides: letters/2022-08-30-proposal.md\nimplements_on: \(implementsOn)\n\(extra)---\n\nWe decide.\n"
    }

    func writeConsultation() throws {
        try write(Self.letter, "letters/2022-08-30-proposal.md")
        try write(Self.position, "positions/2345-5035-proposed.md")
    }

    @Test func responsesAndDecisionsDecodeTheirFields() throws {
        try writeConsultation()
        try write(response("2022-10-20"), "responses/2022-10-20-recommendations.md")
        try write(decision("2022-11-15", extra: "extraordinary_circumstances: \"A deadline set by law.\"\n"), "decisions/2022-11-15-decision.md")
        let site = try load().get()
        #expect(site.warnings.isEmpty, "\(site.warnings)")
        let response = try #require(site.document(at: "responses/2022-10-20-recommendations.md")?.response)
        #expect(response.respondsTo == "letters/2022-08-30-proposal.md")
        #expect(response.from.name == "I. Butts" && response.to.name == "B. Nicholson")
        let decision = try #require(site.document(at: "decisions/2022-11-15-decision.md")?.decision)
        #expect(decision.decides == "letters/2022-08-30-proposal.md")
        #expect(decision.implementsOn == "2023-01-15")
        #expect(decision.extraordinaryCircumstances == "A deadline set by law.")
        #expect(site.responses(to: "letters/2022-08-30-proposal.md").count == 1)
        #expect(site.decisions(of: "letters/2022-08-30-proposal.md").count == 1)
    }

    /// The build cache keeps documents without reading their files again: the new fields must come back whole.
    @Test func repliesRoundTripThroughTheCacheRecord() throws {
        try writeConsultation()
        try write(response("2022-10-20"), "responses/r.md")
        try write(decision("2022-11-15", extra: "extraordinary_circumstances: A court order.\nfrom: {name: B. Nicholson, title: Manager}\n"), "decisions/d.md")
        for document in try load().get().documents {
            var writer = BinaryWriter()
            writer.write(document)
            var reader = BinaryReader(writer.bytes)
            let decoded = try reader.read(ContentDocument.self)
            #expect(reader.isAtEnd)
            #expect(decoded.response == document.response && decoded.decision == document.decision, "\(document.path)")
            #expect(decoded.bodyFacts == document.bodyFacts)
        }
    }

    @Test func missingAndMalformedFieldsAreLocatedErrors() throws {
        try writeConsultation()
        try write("---\ntitle: R\nkind: response\ndate: 2022-10-20\nfrom: {name: A}\n---\n\nText.\n", "responses/a.md")
        try write(decision("2022-11-15", implementsOn: "2023-02-30"), "decisions/b.md")
        try write("---\ntitle: D\nkind: decision\ndate: 2022-11-15\ndecides: ../outside.md\nimplement_on: 2023-01-01\n---\n\nText.\n", "decisions/c.md")
        let found = diagnostics()
        #expect(found.contains("Content/responses/a.md:1:1: error: missing required field 'responds_to'; add e.g. responds_to: letters/2022-08-30-customer-relations-coordinators.md"))
        #expect(found.contains { $0.hasPrefix("Content/responses/a.md:1:1: error: missing required field 'to'") })
        #expect(found.contains("Content/decisions/b.md:6:16: error: field 'implements_on' is '2023-02-30' but must be a real date in YYYY-MM-DD form, e.g. implements_on: 2022-08-30"))
        #expect(found.contains { $0.hasPrefix("Content/decisions/c.md:5:10: error: field 'decides' must be a path inside Content/") })
        #expect(found.contains { $0.hasPrefix("Content/decisions/c.md:6:1: error: unknown field 'implement_on' for kind 'decision'; did you mean 'implements_on'?") })
    }

    @Test func danglingAndWrongKindReferencesAreErrors() throws {
        try writeConsultation()
        try write(response("2022-10-20", respondsTo: "letters/missing.md"), "responses/a.md")
        try write(response("2022-10-21", respondsTo: "positions/2345-5035-proposed.md"), "responses/b.md")
        try write(decision("2022-11-15").replacingOccurrences(of: "decides: letters/2022-08-30-proposal.md", with: "decides: responses/b.md"), "decisions/c.md")
        let found = diagnostics()
        #expect(found.contains { $0.hasPrefix("Content/responses/a.md:5:14: error: responds_to 'letters/missing.md' names no document") })
        #expect(found.contains("Content/responses/b.md:5:14: error: responds_to 'positions/2345-5035-proposed.md' is a position description, not a letter or decision; name the letter or decision this document answers"))
        #expect(found.contains { $0.hasPrefix("Content/decisions/c.md:5:10: error: decides 'responses/b.md' is a response, not a letter") })
    }

    @Test func oneSidedEnclosuresAreWarnings() throws {
        try write(Self.letter, "letters/2022-08-30-proposal.md")
        try write(Self.letter.replacingOccurrences(of: "enclosures:\n  - {code: 2345-5035, version: proposed}", with: "enclosures: []"), "letters/2022-09-01-other.md")
        // Names the other letter, which does not enclose it; the proposal encloses it but is not named.
        try write(Self.position.replacingOccurrences(of: "letters/2022-08-30-proposal.md", with: "letters/2022-09-01-other.md"), "positions/2345-5035-proposed.md")
        let found = diagnostics()
        #expect(found.contains("Content/positions/2345-5035-proposed.md:8:15: warning: consultation 'letters/2022-09-01-other.md' does not enclose this document; add {code: 2345-5035, version: proposed} to that letter's enclosures, or correct this field"))
        #expect(found.contains("Content/letters/2022-08-30-proposal.md:9:5: warning: enclosure positions/2345-5035-proposed.md names another consultation, 'letters/2022-09-01-other.md'; set its consultation to letters/2022-08-30-proposal.md, or remove the enclosure here"))
        #expect(found.count == 2, "\(found)")
    }

    /// A position on file before any consultation may be enclosed as it is.
    @Test func anEnclosureThatNamesNoConsultationIsNotWarned() throws {
        try write(Self.letter, "letters/2022-08-30-proposal.md")
        try write(Self.position.replacingOccurrences(of: "consultation: letters/2022-08-30-proposal.md\n", with: ""), "positions/2345-5035-proposed.md")
        #expect(diagnostics().isEmpty)
    }

    @Test func earlyDecisionsAndImplementationsAreWarningsUnlessExplained() throws {
        try writeConsultation()
        try write(decision("2022-10-29", implementsOn: "2022-10-01"), "decisions/early.md")
        let found = diagnostics()
        #expect(found == [
            "Content/decisions/early.md:4:7: warning: decision dated 2022-10-29 is within the review period, which ends 2022-10-29 (§1004(d)(1)(B)); add extraordinary_circumstances, or correct the date",
            "Content/decisions/early.md:6:16: warning: implementation on 2022-10-01 is within the review period, which ends 2022-10-29 (§1004(d)(1)(B)); add extraordinary_circumstances, or correct the date",
        ])
        try write(decision("2022-10-29", implementsOn: "2022-10-01", extra: "extraordinary_circumstances: A court order.\n"), "decisions/early.md")
        #expect(diagnostics().isEmpty)
        try write(decision("2022-10-30"), "decisions/early.md")
        #expect(diagnostics().isEmpty)
    }

    @Test func aSecondDecisionOnOneProposalIsAWarning() throws {
        try writeConsultation()
        try write(decision("2022-11-15"), "decisions/first.md")
        try write(decision("2022-12-15"), "decisions/second.md")
        #expect(diagnostics() == ["Content/decisions/second.md:5:10: warning: letters/2022-08-30-proposal.md is already decided by Content/decisions/first.md; the dossier's timeline shows the earliest decision only"])
    }

    @Test func placeholdersAreWarningsThatSayWhatToFillIn() throws {
        try write(Self.letter.replacingOccurrences(of: "B. Nicholson", with: ScaffoldPlaceholder.senderName.text)
            .replacingOccurrences(of: "We propose.", with: ScaffoldPlaceholder.letterBody.text), "letters/2022-08-30-proposal.md")
        try write(Self.position + "\n1. \(ScaffoldPlaceholder.firstDuty.text)\n", "positions/2345-5035-proposed.md")
        let found = diagnostics()
        #expect(found.contains("Content/letters/2022-08-30-proposal.md:5:7: warning: field 'from' still holds the placeholder 'Name of the sender' that portal new wrote; replace it with the sender's name as the document is signed"))
        #expect(found.contains("Content/letters/2022-08-30-proposal.md:12:1: warning: the text still holds the placeholder 'The paragraphs of the letter, between the salutation and the closing.' that portal new wrote; replace it with the letter's text as sent"))
        #expect(found.contains { $0.hasPrefix("Content/positions/2345-5035-proposed.md:12:1: warning: the text still holds the placeholder 'The first duty.'") })
        #expect(found.count == 3, "\(found)")
    }

    @Test func aPlaceholderInsideRealTextIsNotReported() {
        #expect(ScaffoldPlaceholder.placeholder(inBodyLine: "1. The first duty.") == .firstDuty)
        #expect(ScaffoldPlaceholder.placeholder(inBodyLine: "## The first question?") == .firstQuestion)
        #expect(ScaffoldPlaceholder.placeholder(inBodyLine: "The first duty. Plans the work.") == nil)
        #expect(!ScaffoldPlaceholder.bodyMayHoldPlaceholder("The answer is no.\nThe first duty is to plan."))
    }
}
