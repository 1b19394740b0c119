import PortalContent
import PortalPages
import PortalRender
import StaffingModel

/// One consultation's procedure under 39 U.S.C. §1004(d): the domain's ``ConsultationTimeline`` made from
/// the letter and the responses and decision on file, and the fields `consultation-timeline.mustache` shows.
package struct ConsultationSteps {
    package let letter: ContentDocument
    package let timeline: ConsultationTimeline
    /// The responses to the proposal, earliest first.
    package let responses: [ContentDocument]
    /// The earliest decision on the proposal; a later one is a `check` warning.
    package let decision: ContentDocument?
    /// The responses to that decision, earliest first.
    package let responsesToDecision: [ContentDocument]

    /// `nil` for a document that is not a letter with a readable date (the loader rejects both).
    package init?(letter: ContentDocument, site: ContentSite, today: CivilDate) {
        guard letter.letter != nil, let proposal = CivilDate(letter.date) else { return nil }
        func earliestFirst(_ documents: [ContentDocument]) -> [ContentDocument] {
            documents.filter { CivilDate($0.date) != nil }.sorted { ($0.date, $0.path) < ($1.date, $1.path) }
        }
        self.letter = letter
        responses = earliestFirst(site.responses(to: letter.path))
        let decision = earliestFirst(site.decisions(of: letter.path)).first
        self.decision = decision
        responsesToDecision = decision.map { earliestFirst(site.responses(to: $0.path)) } ?? []
        timeline = ConsultationTimeline(
            proposal: proposal,
            recommendations: responses.compactMap { CivilDate($0.date) },
            decision: decision.flatMap { document in
                document.decision.flatMap { fields in
                    CivilDate(document.date).map {
                        ConsultationTimeline.Decision(
                            date: $0, implementsOn: fields.implementsOn.flatMap(CivilDate.init),
                            statesExtraordinaryCircumstances: fields.extraordinaryCircumstances != nil)
                    }
                }
            },
            recommendationsOnDecision: responsesToDecision.compactMap { CivilDate($0.date) },
            today: today)
    }

    // MARK: Template fields

    /// The fields of `consultation-timeline.mustache` on the page at `path`.
    package func context(from path: String, today: CivilDate) -> [String: Any] {
        let steps = timeline.entries.map { step($0, from: path) }
        return [
            "timelineSteps": steps,
            "timelineFlagged": !timeline.flaggedSteps.isEmpty,
            "timelineAsOf": today.description, "timelineAsOfText": DateText.long(today.description),
            "deadlinesHref": SitePath.link(from: path, to: DeadlineCalendar.path),
            "timelineScriptHref": SitePath.link(from: path, to: "assets/timeline.js"),
        ]
    }

    /// One step's fields, each named `step…`: a key the step lacks would otherwise be looked up on the page
    /// around it (Mustache's context stack), and show the letter's own date or title.
    private func step(_ entry: ConsultationTimeline.Entry, from path: String) -> [String: Any] {
        var fields: [String: Any] = ["stepLabel": Self.label(entry.step), "stepStatute": Self.statute(entry.step)]
        switch entry.state {
        case .done(let date):
            fields.merge(["stepState": "done", "stepStateLabel": "Done", "stepDate": date.description, "stepDateText": DateText.long(date.description)]) { $1 }
        case .due(let date, let daysLeft):
            fields.merge([
                "stepState": "due", "stepStateLabel": "Due", "stepDate": date.description, "stepDateText": DateText.long(date.description),
                "stepDue": date.description, "stepDaysLeft": Self.daysLeftText(daysLeft),
                // What the step becomes once its day has passed, for timeline.js on the reader's own day.
                "stepAfterState": entry.step == .recommendations || entry.step == .recommendationsOnDecision ? "not-on-file" : "done",
            ]) { $1 }
        case .notOnFile:
            fields.merge(["stepState": "not-on-file", "stepStateLabel": "Not on file"]) { $1 }
        }
        if let document = document(for: entry.step) {
            fields["stepDocumentHref"] = SitePath.link(from: path, to: document.outputPath)
            fields["stepDocumentTitle"] = document.title
        }
        switch entry.timing {
        case .onTime?: fields["stepNote"] = "on time, within the review period"
        case .late?:
            let received = responses.first.flatMap { CivilDate($0.date) } ?? timeline.window.end
            let days = timeline.window.end.days(until: received)
            fields["stepNote"] = "late: \(days) day\(days == 1 ? "" : "s") after the review period ended"
            fields["stepLate"] = true
        case .beforeReviewEnds?:
            fields["stepFlag"] = "Before the review period ends, with no extraordinary circumstances stated"
        case .beforeReviewEndsExplained?:
            fields["stepNote"] = "before the review period ends, for extraordinary circumstances: "
                + (decision?.decision?.extraordinaryCircumstances ?? "")
        case nil: break
        }
        return fields
    }

    /// The document on file for a step, linked from it.
    private func document(for step: ConsultationTimeline.Step) -> ContentDocument? {
        switch step {
        case .proposalSent, .reviewPeriodEnds: nil
        case .recommendations: responses.first
        case .decision, .implementation: decision
        case .recommendationsOnDecision: responsesToDecision.first
        }
    }

    package static func label(_ step: ConsultationTimeline.Step) -> String {
        switch step {
        case .proposalSent: "Proposal sent"
        case .reviewPeriodEnds: "Review period ends"
        case .recommendations: "Recommendations received"
        case .decision: "Decision to implement"
        case .recommendationsOnDecision: "Recommendations on the decision"
        case .implementation: "Implementation"
        }
    }

    /// The paragraph of 39 U.S.C. §1004(d) behind a step.
    package static func statute(_ step: ConsultationTimeline.Step) -> String {
        switch step {
        case .proposalSent: "§1004(d)(1)"
        case .reviewPeriodEnds, .recommendations: "§1004(d)(1)(B)"
        case .decision, .recommendationsOnDecision, .implementation: "§1004(d)(2)"
        }
    }

    /// "3 days left", "1 day left", "due today".
    package static func daysLeftText(_ days: Int) -> String {
        days == 0 ? "due today" : "\(days) day\(days == 1 ? "" : "s") left"
    }
}
