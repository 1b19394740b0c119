import Foundation

/// A score range and the positions a district in it earns, e.g. 187.00–203.00 → 4 CRC + 1 CRS.
public struct ScoreBand: Equatable, Hashable, Sendable {
    public var range: ScoreRange
    /// Positions earned, by occupation code, e.g. `["2345-5035": 4, "2370-0671": 1]`.
    public var earned: [String: Int]

    public init(min: Decimal, max: Decimal, earned: [String: Int]) {
        self.range = ScoreRange(min: min, max: max)
        self.earned = earned
    }

    public var min: Decimal { range.min }
    public var max: Decimal { range.max }
}
