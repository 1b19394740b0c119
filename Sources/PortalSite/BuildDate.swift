import Foundation
import PortalContent
import StaffingModel

/// The day a build treats as "today", for the review-window status printed on the pages.
///
/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) wins when it is set (`make site`
/// sets it to the last commit's time); otherwise it is the newest date in the
/// content. The wall clock is never read, so the same input always builds the
/// same bytes. Pages say which day the status is "as of", and
/// `review-window.js` recomputes it on the reader's own day.
enum BuildDate {
    /// The UTC calendar day of `SOURCE_DATE_EPOCH` in `environment`, else `newestContentDate`.
    static func today(
        newestContentDate: CivilDate, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> CivilDate {
        sourceDateEpoch(environment).map(day(ofSeconds:)) ?? newestContentDate
    }

    /// The build's "today" for a site: see ``today(newestContentDate:environment:)``.
    static func today(for site: ContentSite) -> CivilDate {
        today(newestContentDate: site.documents.compactMap { CivilDate($0.date) }.max() ?? epochDay)
    }

    /// `SOURCE_DATE_EPOCH` as whole seconds, or nil when unset or not a non-negative integer.
    static func sourceDateEpoch(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard let text = environment["SOURCE_DATE_EPOCH"]?.trimmingCharacters(in: .whitespaces),
              let seconds = Int(text), seconds >= 0 else { return nil }
        return seconds
    }

    static func day(ofSeconds seconds: Int) -> CivilDate {
        epochDay.adding(days: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    private static let epochDay = CivilDate(year: 1970, month: 1, day: 1)!
}
