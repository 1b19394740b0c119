import Foundation

/// The horizontal score axis both the build's chart and the calculator's band scale use.
///
/// It runs from 0 to the larger of the top band edge and the highest score, plus 5 %, rounded up to
/// a multiple of 10, so the top band and every bar fit. `Theme/assets/band-scale.js` applies the
/// same rule in the browser.
public struct ScoreScale: Equatable, Sendable {
    /// The score at the right end of the axis.
    public let maximum: Double
    /// Where score 0 is drawn.
    public let left: Double
    /// Where ``maximum`` is drawn.
    public let right: Double

    public init(highestEdge: Decimal, highestScore: Decimal?, left: Double, right: Double) {
        let top = max(Self.double(highestEdge), highestScore.map(Self.double) ?? 0)
        maximum = max(10, (top * 1.05 / 10).rounded(.up) * 10)
        self.left = left
        self.right = right
    }

    /// The x coordinate of `score`, clamped to the axis.
    public func x(_ score: Decimal) -> Double { x(Self.double(score)) }

    public func x(_ score: Double) -> Double {
        left + (right - left) * min(max(score, 0), maximum) / maximum
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
