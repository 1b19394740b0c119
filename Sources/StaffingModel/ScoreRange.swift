import Foundation

/// An inclusive range of scores at 0.01 resolution, e.g. 102.00–134.99.
public struct ScoreRange: Equatable, Hashable, Sendable {
    public var min: Decimal
    public var max: Decimal

    public init(min: Decimal, max: Decimal) {
        self.min = min
        self.max = max
    }

    /// Whether `min <= score <= max`; pass a score already rounded to 2 decimals.
    public func contains(_ score: Decimal) -> Bool { min <= score && score <= max }

    /// "min–max" with 2 decimals each and an en dash, e.g. "102.00–134.99".
    public var label: String { "\(NumberText.fixed(min))\u{2013}\(NumberText.fixed(max))" }

    /// Parses ``label`` back (an en dash or a hyphen between the two numbers).
    public init?(label: String) {
        let separator: Character = label.contains("\u{2013}") ? "\u{2013}" : "-"
        let parts = label.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 2,
              let min = NumberText.decimal(String(parts[0]).trimmed),
              let max = NumberText.decimal(String(parts[1]).trimmed)
        else { return nil }
        self.init(min: min, max: max)
    }
}
