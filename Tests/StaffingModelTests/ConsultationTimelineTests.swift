import Foundation
import PropertyBased
import Testing
@testable import StaffingModel

@Suite("Consultation timeline")
struct ConsultationTimelineTests {
    func date(_ text: String) -> CivilDate { CivilDate(text)! }
    typealias Timeline = ConsultationTimeline

    @Test("with only the proposal on file, later steps are not on file and the review end is due or done")
    func proposalOnly() {
        let open = Timeline(proposal: date("2022-08-30"), today: date("2022-10-19"))
        #expect(open.entries.map(\.step) == Timeline.Step.allCases)
        #expect(open.entry(.proposalSent).state == .done(date("2022-08-30")))
        #expect(open.entry(.reviewPeriodEnds).state == .due(date("2022-10-29"), daysLeft: 10))
        #expect(open.entry(.recommendations).state == .due(date("2022-10-29"), daysLeft: 10))
        for step in [Timeline.Step.decision, .recommendationsOnDecision, .implementation] {
            #expect(open.entry(step).state == .notOnFile)
        }
        let closed = Timeline(proposal: date("2022-08-30"), today: date("2022-10-30"))
        #expect(closed.entry(.reviewPeriodEnds).state == .done(date("2022-10-29")))
        #expect(closed.entry(.recommendations).state == .notOnFile)
        #expect(closed.dueSteps.isEmpty)
    }

    @Test("the last day of the review period is still due, with no days left")
    func lastDay() {
        let timeline = Timeline(proposal: date("2022-08-30"), today: date("2022-10-29"))
        #expect(timeline.entry(.reviewPeriodEnds).state == .due(date("2022-10-29"), daysLeft: 0))
    }

    @Test("recommendations on the last day are on time; the day after, late; the earliest counts")
    func responseTiming() {
        let onTime = Timeline(proposal: date("2022-08-30"), recommendations: [date("2022-11-20"), date("2022-10-29")], today: date("2023-01-01"))
        #expect(onTime.entry(.recommendations) == .init(step: .recommendations, state: .done(date("2022-10-29")), timing: .onTime))
        let late = Timeline(proposal: date("2022-08-30"), recommendations: [date("2022-10-30")], today: date("2023-01-01"))
        #expect(late.entry(.recommendations).timing == .late)
    }

    @Test("a decision within the review period is flagged unless it states extraordinary circumstances")
    func earlyDecision() {
        let early = Timeline.Decision(date: date("2022-10-29"), implementsOn: date("2022-11-15"), statesExtraordinaryCircumstances: false)
        let timeline = Timeline(proposal: date("2022-08-30"), decision: early, today: date("2022-11-01"))
        #expect(timeline.entry(.decision).timing == .beforeReviewEnds)
        #expect(timeline.entry(.implementation).timing == nil)
        #expect(timeline.flaggedSteps == [.decision])
        #expect(timeline.entry(.implementation).state == .due(date("2022-11-15"), daysLeft: 14))
        #expect(timeline.entry(.recommendationsOnDecision).state == .due(date("2022-11-15"), daysLeft: 14))
        var explained = early
        explained.statesExtraordinaryCircumstances = true
        let excused = Timeline(proposal: date("2022-08-30"), decision: explained, today: date("2022-11-01"))
        #expect(excused.entry(.decision).timing == .beforeReviewEndsExplained)
        #expect(excused.flaggedSteps.isEmpty)
    }

    @Test("an implementation within the review period is flagged even when the decision is not")
    func earlyImplementation() {
        let decision = Timeline.Decision(date: date("2022-10-30"), implementsOn: date("2022-10-01"), statesExtraordinaryCircumstances: false)
        let timeline = Timeline(proposal: date("2022-08-30"), decision: decision, today: date("2023-01-01"))
        #expect(timeline.flaggedSteps == [.implementation])
        #expect(timeline.entry(.implementation).state == .done(date("2022-10-01")))
        #expect(timeline.entry(.recommendationsOnDecision).state == .notOnFile)
    }

    @Test("recommendations on the decision are done once on file; a decision without a date leaves implementation not on file")
    func decisionAnswered() {
        let decision = Timeline.Decision(date: date("2022-11-10"), implementsOn: nil, statesExtraordinaryCircumstances: false)
        let timeline = Timeline(
            proposal: date("2022-08-30"), decision: decision, recommendationsOnDecision: [date("2022-11-30")], today: date("2022-12-01"))
        #expect(timeline.entry(.decision) == .init(step: .decision, state: .done(date("2022-11-10")), timing: nil))
        #expect(timeline.entry(.recommendationsOnDecision).state == .done(date("2022-11-30")))
        #expect(timeline.entry(.implementation).state == .notOnFile)
    }

    // MARK: Properties

    static let days = Gen.int(in: 0...30_000)
    static let offsets = Gen.int(in: -200...400)

    @Test("every step is listed once, in statutory order, and the review period ends 60 days after the proposal")
    func shape() async {
        await propertyCheck(count: 300, input: Self.days, Self.offsets, Self.offsets, Self.offsets, Self.offsets) { start, response, decided, implemented, today in
            let proposal = CivilDate(year: 1950, month: 1, day: 1)!.adding(days: start)
            let decision = Timeline.Decision(
                date: proposal.adding(days: decided), implementsOn: proposal.adding(days: implemented), statesExtraordinaryCircumstances: false)
            let timeline = Timeline(
                proposal: proposal, recommendations: [proposal.adding(days: response)], decision: decision, today: proposal.adding(days: today))
            #expect(timeline.entries.map(\.step) == Timeline.Step.allCases)
            #expect(timeline.window.end == proposal.adding(days: 60))
            #expect(timeline.entry(.proposalSent).state == .done(proposal))
        }
    }

    @Test("a dated step is due, with the days to its date, exactly when today is not past it")
    func dueMatchesToday() async {
        await propertyCheck(count: 300, input: Self.days, Self.offsets, Self.offsets) { start, implemented, today in
            let proposal = CivilDate(year: 1950, month: 1, day: 1)!.adding(days: start)
            let now = proposal.adding(days: today)
            let implementsOn = proposal.adding(days: implemented)
            let decision = Timeline.Decision(date: proposal.adding(days: 70), implementsOn: implementsOn, statesExtraordinaryCircumstances: false)
            let timeline = Timeline(proposal: proposal, decision: decision, today: now)
            let end = proposal.adding(days: 60)
            #expect(timeline.entry(.reviewPeriodEnds).state == (now <= end ? .due(end, daysLeft: now.days(until: end)) : .done(end)))
            #expect(timeline.entry(.implementation).state == (now <= implementsOn ? .due(implementsOn, daysLeft: now.days(until: implementsOn)) : .done(implementsOn)))
            #expect(timeline.window.status(on: now) == (now <= end ? .open : .closed))
            for (_, date) in timeline.dueSteps { #expect(now <= date) }
        }
    }

    @Test("recommendations are late exactly when dated after the review period; decisions flagged exactly when within it without circumstances")
    func timingMatchesTheReviewPeriod() async {
        await propertyCheck(count: 300, input: Self.days, Self.offsets, Self.offsets, Self.offsets, Gen.bool) { start, response, decided, implemented, explained in
            let proposal = CivilDate(year: 1950, month: 1, day: 1)!.adding(days: start)
            let end = proposal.adding(days: 60)
            let decision = Timeline.Decision(
                date: proposal.adding(days: decided), implementsOn: proposal.adding(days: implemented), statesExtraordinaryCircumstances: explained)
            let timeline = Timeline(
                proposal: proposal, recommendations: [proposal.adding(days: response)], decision: decision, today: proposal.adding(days: 500))
            #expect(timeline.entry(.recommendations).timing == (response <= 60 ? .onTime : .late))
            #expect(timeline.flaggedSteps.contains(.decision) == (!explained && decision.date <= end))
            #expect(timeline.flaggedSteps.contains(.implementation) == (!explained && decision.implementsOn! <= end))
        }
    }
}
