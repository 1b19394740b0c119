import Foundation

/// The staffing rules as plain functions: indexes, scores, rounding, supervisor ratios, review window.
public enum Staffing {
    /// Flag for a score under the lowest band's minimum; such a district earns no positions.
    public static let belowMinimumFlag = "below-minimum"
    /// Flag for a score over the highest band's maximum; such a district earns the top band.
    public static let aboveMaximumFlag = "above-maximum"
    /// Decimals a score is rounded to (half-up) before the band lookup.
    public static let scoreDecimals = 2
    /// Occupation code of the Lead Customer Care Quality Spec; each Care Center has exactly one.
    public static let leadQualitySpecCode = "1910-0029"
    /// Lead Customer Care Quality Specs per Care Center.
    public static let leadQualitySpecsPerCareCenter = 1

    /// The index of `count` against `mean`, where the mean scores 100: `count / mean × 100`.
    ///
    /// When `mean` is 0 (no district has any of this workload) every index is 0, so the factor
    /// adds nothing to any score instead of dividing by zero.
    public static func index(count: Decimal, mean: Decimal) -> Decimal {
        guard mean != 0 else { return 0 }
        return count * 100 / mean
    }

    /// The weighted sum of `indexes` (`weight / 100 × index` per factor), unrounded.
    ///
    /// A factor missing from `indexes` counts as index 0.
    public static func unroundedScore(indexes: [String: Decimal], factors: [WorkloadFactor]) -> Decimal {
        factors.reduce(Decimal(0)) { $0 + $1.weight / 100 * indexes[$1.key, default: 0] }
    }

    /// `score` rounded half-up (`.plain`) to ``scoreDecimals`` decimals, as the band lookup needs.
    ///
    /// 101.994 → 101.99; 101.995 → 102.00.
    public static func roundedScore(_ score: Decimal) -> Decimal {
        NumberText.rounded(score, places: scoreDecimals)
    }

    /// `score` written with exactly 2 decimals, e.g. "102.00".
    public static func scoreText(_ score: Decimal) -> String { NumberText.fixed(score, places: scoreDecimals) }

    /// Supervisors needed for `agents` at one supervisor per `ratio` agents: `ceil(agents / ratio)`.
    ///
    /// `ratio` must be positive; 0 agents need 0 supervisors.
    public static func supervisorsNeeded(agents: Int, ratio: Int) -> Int {
        precondition(ratio > 0, "a supervisor ratio must be positive")
        return (agents + ratio - 1) / ratio
    }

    /// The 39 U.S.C. §1004(d) review window for a letter dated `letterDate` (60 calendar days).
    public static func reviewWindow(letterDate: CivilDate) -> ReviewWindow {
        ReviewWindow(letterDate: letterDate)
    }
}
