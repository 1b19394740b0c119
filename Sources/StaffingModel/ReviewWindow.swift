/// The period after a consultation letter during which the organization may respond.
///
/// Under 39 U.S.C. §1004(d) the window closes 60 calendar days after the letter date. The
/// end day itself is still open; the window is closed from the following day.
public struct ReviewWindow: Equatable, Hashable, Sendable, Codable {
    /// Whether responses are still accepted on a given day.
    public enum Status: String, Equatable, Hashable, Sendable, Codable {
        case open
        case closed
    }

    /// Calendar days from the letter date to the last open day (39 U.S.C. §1004(d)).
    public static let statutoryDays = 60

    public var letterDate: CivilDate
    public var days: Int

    public init(letterDate: CivilDate, days: Int = ReviewWindow.statutoryDays) {
        self.letterDate = letterDate
        self.days = days
    }

    /// Last day on which the window is open: letter date plus ``days`` calendar days.
    public var end: CivilDate { letterDate.adding(days: days) }

    /// `open` on or before ``end``, `closed` after it. Days before the letter count as open.
    public func status(on today: CivilDate) -> Status { today <= end ? .open : .closed }
}
