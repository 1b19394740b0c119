import PortalContent
import PortalPages
import PortalRender
import StaffingModel

/// `deadlines.ics`: the consultations' open deadlines as all-day events a calendar can subscribe to.
///
/// One event per open review period (the day NAPS's recommendations are due by), and one per other
/// due step of ``ConsultationTimeline`` (recommendations on a decision, implementation). Each event's
/// UID is made from the step and the letter's path only, so a subscribed calendar updates the event
/// rather than adding another; DTSTAMP is the build's day (``BuildDate``), so the same input and day give
/// the same bytes. With nothing due the calendar holds no event: subscribers then see the deadlines go.
package struct DeadlineCalendar: PageGenerator {
    package init() {}

    package static let path = "deadlines.ics"

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        [OutputFile(path: Self.path, contents: Self.text(model))]
    }

    package static func text(_ model: SiteModel) -> String {
        let config = model.site.config
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Consultation Portal//Deadlines//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + ICalendarText.escaped("\(config.title): consultation deadlines"),
        ]
        let stamp = ICalendarText.date(model.today.description) + "T000000Z"
        // In path order, so the file does not move when dates do.
        for letter in Consultation.letters(in: model).sorted(by: { $0.path < $1.path }) {
            guard let steps = ConsultationSteps(letter: letter, site: model.site, today: model.today) else { continue }
            for (step, date) in steps.timeline.dueSteps where step != .recommendations {
                lines += event(step, date: date, letter: letter, stamp: stamp, config: config)
            }
        }
        lines.append("END:VCALENDAR")
        return ICalendarText.calendar(lines)
    }

    private static func event(
        _ step: ConsultationTimeline.Step, date: CivilDate, letter: ContentDocument, stamp: String, config: SiteConfig
    ) -> [String] {
        let summary: String
        let description: String
        switch step {
        case .reviewPeriodEnds:
            summary = "Review period ends: \(letter.title)"
            description = "Last day of the review period under 39 U.S.C. §1004(d)(1)(B) for the proposal of \(DateText.long(letter.date)); NAPS's recommendations are due by this day."
        case .recommendationsOnDecision:
            summary = "Recommendations on the decision: \(letter.title)"
            description = "The decision on the proposal of \(DateText.long(letter.date)) is set to take effect this day; NAPS's recommendations on the decision under 39 U.S.C. §1004(d)(2) are due before it does."
        default:
            summary = "\(ConsultationSteps.label(step)): \(letter.title)"
            description = "\(ConsultationSteps.label(step)) (39 U.S.C. \(ConsultationSteps.statute(step))) for the proposal of \(DateText.long(letter.date))."
        }
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + ICalendarText.escaped("\(step.rawValue)/\(letter.path)@consultation-portal"),
            "DTSTAMP:\(stamp)",
            "DTSTART;VALUE=DATE:\(ICalendarText.date(date.description))",
            "DTEND;VALUE=DATE:\(ICalendarText.date(date.adding(days: 1).description))",
            "SUMMARY:" + ICalendarText.escaped(summary),
            "DESCRIPTION:" + ICalendarText.escaped(description),
            "TRANSP:TRANSPARENT",
        ]
        // URL is a URI (§3.8.4.6): only with base_url can the page be named absolutely. A URI holds no space or
        // control character, and one in base_url would start a property of its own, so such a base_url gives no URL.
        if !config.baseURL.isEmpty, config.baseURL.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) && $0 != "\u{2028}" && $0 != "\u{2029}" }) {
            lines.append("URL:\(config.baseURL)/\(SitePath.encoded(letter.outputPath))")
        }
        lines.append("END:VEVENT")
        return lines
    }
}
