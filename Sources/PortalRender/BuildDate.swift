import Foundation
import StaffingModel

/// The day a build treats as "today", for the review-window status printed on the pages.
///
/// It is the build day (UTC), as the README says, unless `SOURCE_DATE_EPOCH`
/// (seconds since 1970, UTC) is set, as `make site` sets it to the last commit's
/// time so that the same input builds the same bytes any day. It is never later
/// than the build day: a status "as of" a day that has not come would state
/// something nobody could yet know, so a `SOURCE_DATE_EPOCH` in the future is
/// clamped to the build day. Pages say which day the status is "as of", and
/// `review-window.js` recomputes it on the reader's own day.
package enum BuildDate {
    /// The UTC calendar day of `SOURCE_DATE_EPOCH` in `environment`, but no later than the day of `now`;
    /// the day of `now` when it is unset.
    ///
    /// - Parameter now: seconds since 1970 by the clock; a parameter so that tests can fix it.
    package static func today(
        environment: [String: String] = ProcessInfo.processInfo.environment, now: Int = Int(Date().timeIntervalSince1970)
    ) -> CivilDate {
        let buildDay = day(ofSeconds: now)
        guard let epoch = sourceDateEpoch(environment) else { return buildDay }
        return min(day(ofSeconds: epoch), buildDay)
    }

    /// `SOURCE_DATE_EPOCH` as whole seconds, or nil when unset or not a non-negative integer.
    package static func sourceDateEpoch(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard let text = environment["SOURCE_DATE_EPOCH"]?.trimmingCharacters(in: .whitespaces),
              let seconds = Int(text), seconds >= 0 else { return nil }
        return seconds
    }

    package static func day(ofSeconds seconds: Int) -> CivilDate {
        epochDay.adding(days: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    private static let epochDay = CivilDate(year: 1970, month: 1, day: 1)!
}
