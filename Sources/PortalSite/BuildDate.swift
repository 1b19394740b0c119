import Foundation
import StaffingModel

/// The day a build treats as "today", for the review-window status printed on the pages.
///
/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) wins when it is set, so a
/// reproducible build states the same status on any day; otherwise the build
/// runs on the current UTC day. Pages say which day the status is "as of", and
/// `review-window.js` recomputes it in the reader's browser.
enum BuildDate {
    /// The UTC calendar day of `SOURCE_DATE_EPOCH` in `environment`, else of `now`.
    static func today(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) -> CivilDate {
        if let epoch = sourceDateEpoch(environment) {
            return day(ofSeconds: epoch)
        }
        return day(ofSeconds: Int(now.timeIntervalSince1970.rounded(.down)))
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
