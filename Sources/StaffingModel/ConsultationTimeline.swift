/// The steps of one consultation under 39 U.S.C. §1004(d), from the proposal to its implementation, as of one day.
///
/// Pure: the caller passes the dates on file and "today"; nothing reads a clock or a file. Every step is
/// always listed, in statutory order, so a page shows the whole procedure and says which steps are on file.
/// A dated step is "due" up to and including its day and "done" (or, for an answer never filed, "not on
/// file") from the next, the rule ``ReviewWindow/status(on:)`` applies to the review window.
public struct ConsultationTimeline: Equatable, Sendable {
    /// One step of the procedure.
    public enum Step: String, CaseIterable, Sendable {
        /// The proposal letter (§1004(d)(1)(A)).
        case proposalSent
        /// The last day of the review period of at least 60 days (§1004(d)(1)(B)).
        case reviewPeriodEnds
        /// The organization's recommendations on the proposal (§1004(d)(1)(B)).
        case recommendations
        /// The Postal Service's decision, sent before it implements (§1004(d)(2)(A)).
        case decision
        /// The organization's recommendations on the decision (§1004(d)(2)(A)).
        case recommendationsOnDecision
        /// The day the decision takes effect.
        case implementation
    }

    /// Where a step stands on the day the timeline was made.
    public enum State: Equatable, Sendable {
        /// On file, or past, on that date.
        case done(CivilDate)
        /// Still to come by that date; `daysLeft` is 0 on the day itself.
        case due(CivilDate, daysLeft: Int)
        /// Nothing on file, and no date by which it is due.
        case notOnFile
    }

    /// How a dated step stands against the review period.
    public enum Timing: Equatable, Sendable {
        /// Recommendations filed on or before the last day of the review period.
        case onTime
        /// Recommendations filed after the review period ended.
        case late
        /// A decision or implementation on or before the review period's last day, with no extraordinary circumstances given.
        case beforeReviewEnds
        /// The same, with the extraordinary circumstances the decision states.
        case beforeReviewEndsExplained
    }

    /// One step with its state, and its timing when the review period judges it.
    public struct Entry: Equatable, Sendable {
        public var step: Step
        public var state: State
        public var timing: Timing?
    }

    /// The decision on file, as the timeline needs it.
    public struct Decision: Equatable, Sendable {
        public var date: CivilDate
        public var implementsOn: CivilDate?
        /// Whether the decision gives extraordinary circumstances for cutting the review period short.
        public var statesExtraordinaryCircumstances: Bool

        public init(date: CivilDate, implementsOn: CivilDate?, statesExtraordinaryCircumstances: Bool) {
            self.date = date
            self.implementsOn = implementsOn
            self.statesExtraordinaryCircumstances = statesExtraordinaryCircumstances
        }
    }

    public let window: ReviewWindow
    /// Every ``Step``, in order.
    public let entries: [Entry]

    /// - Parameters:
    ///   - recommendations: the dates of the responses to the proposal; the earliest counts.
    ///   - decision: the decision on file, if any.
    ///   - recommendationsOnDecision: the dates of the responses to the decision; the earliest counts.
    public init(
        proposal: CivilDate, reviewDays: Int = ReviewWindow.statutoryDays, recommendations: [CivilDate] = [],
        decision: Decision? = nil, recommendationsOnDecision: [CivilDate] = [], today: CivilDate
    ) {
        let window = ReviewWindow(letterDate: proposal, days: reviewDays)
        self.window = window
        func dated(_ date: CivilDate) -> State {
            today <= date ? .due(date, daysLeft: today.days(until: date)) : .done(date)
        }
        func early(_ date: CivilDate) -> Timing? {
            guard date <= window.end else { return nil }
            return decision?.statesExtraordinaryCircumstances == true ? .beforeReviewEndsExplained : .beforeReviewEnds
        }
        var entries = [
            Entry(step: .proposalSent, state: .done(proposal)),
            Entry(step: .reviewPeriodEnds, state: dated(window.end)),
        ]
        if let answered = recommendations.min() {
            entries.append(Entry(step: .recommendations, state: .done(answered), timing: answered <= window.end ? .onTime : .late))
        } else {
            entries.append(Entry(step: .recommendations, state: today <= window.end ? dated(window.end) : .notOnFile))
        }
        guard let decision else {
            entries += [Step.decision, .recommendationsOnDecision, .implementation].map { Entry(step: $0, state: .notOnFile) }
            self.entries = entries
            return
        }
        entries.append(Entry(step: .decision, state: .done(decision.date), timing: early(decision.date)))
        if let answered = recommendationsOnDecision.min() {
            entries.append(Entry(step: .recommendationsOnDecision, state: .done(answered)))
        } else if let implementsOn = decision.implementsOn, today <= implementsOn {
            // The organization's recommendations on a decision can still count until the decision takes effect.
            entries.append(Entry(step: .recommendationsOnDecision, state: dated(implementsOn)))
        } else {
            entries.append(Entry(step: .recommendationsOnDecision, state: .notOnFile))
        }
        if let implementsOn = decision.implementsOn {
            entries.append(Entry(step: .implementation, state: dated(implementsOn), timing: early(implementsOn)))
        } else {
            entries.append(Entry(step: .implementation, state: .notOnFile))
        }
        self.entries = entries
    }

    /// The entry for `step`.
    public func entry(_ step: Step) -> Entry {
        entries.first { $0.step == step }!
    }

    /// The steps dated on or before the review period's last day with no extraordinary circumstances given.
    public var flaggedSteps: [Step] {
        entries.filter { $0.timing == .beforeReviewEnds }.map(\.step)
    }

    /// The steps still due, with their dates: the open review period, and what a decision leaves to come.
    public var dueSteps: [(step: Step, date: CivilDate)] {
        entries.compactMap { entry in
            if case .due(let date, _) = entry.state { return (entry.step, date) }
            return nil
        }
    }
}
