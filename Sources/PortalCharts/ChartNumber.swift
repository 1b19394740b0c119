import Foundation
import StaffingModel

/// Numbers as the charts write them: coordinates to 2 decimals, trailing zeros dropped, never a locale.
public enum ChartNumber {
    /// `value` rounded half away from zero to 2 decimals: `12.5`, `40`, `-3.25`; never `-0`.
    public static func coordinate(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded(.toNearestOrAwayFromZero))
        guard hundredths != 0 else { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(sign)\(whole).\(digits)"
    }

    /// A score or edge as text with trailing zeros dropped: `102`, `134.99`, `40.5`.
    public static func plain(_ value: Decimal) -> String {
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 2, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    /// A score with exactly 2 decimals, as the tables show it: `102.00`.
    public static func score(_ value: Decimal) -> String { Staffing.scoreText(value) }

    /// `+7`, `−3` (with a minus sign) or `no change`.
    public static func signed(_ value: Int) -> String {
        value > 0 ? "+\(value)" : value < 0 ? "\u{2212}\(value.magnitude)" : "no change"
    }
}
