import Foundation

/// BM25F parameters: how much each field counts and how term frequency saturates.
///
/// Scores are computed at build time and stored per term and part as whole
/// "impacts", so the browser only adds numbers.
public struct SearchRanking: Sendable, Equatable {
    /// A part's fields. A document's part 0 has all three; other parts have a title (their heading) and a body.
    public enum Field: Int, Sendable, CaseIterable {
        case title, code, body
    }

    public var k1: Double = 1.2
    public var b: Double = 0.75
    /// Title and code matches outrank body matches.
    public var weights: [Field: Double] = [.title: 3, .code: 5, .body: 1]
    /// Multiplies a score before rounding to a whole impact.
    public var impactScale: Double = 10
    /// Keep only this many highest-impact parts per term: a word found everywhere
    /// ranks almost nothing, and its full list would blow the per-query budget.
    public var maximumPostingsPerTerm = 1200

    public init() {}

    /// Inverse document frequency over parts, never negative.
    public func idf(partsContaining n: Int, of total: Int) -> Double {
        log(1 + (Double(total - n) + 0.5) / (Double(n) + 0.5))
    }

    /// The BM25F score of one term in one part.
    ///
    /// Fields are summed in ``Field`` order, so a score never depends on dictionary order.
    /// - Parameters:
    ///   - frequencies: the term's count in each field of the part.
    ///   - lengths: each field's length in terms.
    ///   - averages: each field's average length over parts that have the field.
    public func score(
        idf: Double, frequencies: [Field: Int], lengths: [Field: Int], averages: [Field: Double]
    ) -> Double {
        var weighted = 0.0
        for field in Field.allCases {
            guard let frequency = frequencies[field], frequency > 0 else { continue }
            let norm = norm(length: lengths[field] ?? 0, average: averages[field] ?? 1)
            weighted += weightedFrequency(frequency, weight: weight(field), norm: norm)
        }
        return score(idf: idf, weighted: weighted)
    }

    // The steps of `score`, shared with `SearchIndex`, which computes norms once per part and field.

    func weight(_ field: Field) -> Double {
        weights[field] ?? 1
    }

    /// How much a field's length differs from the average, as BM25 damps it.
    func norm(length: Int, average: Double) -> Double {
        1 - b + b * Double(length) / max(average, 1)
    }

    @inline(__always)
    func weightedFrequency(_ frequency: Int, weight: Double, norm: Double) -> Double {
        weight * Double(frequency) / norm
    }

    @inline(__always)
    func score(idf: Double, weighted: Double) -> Double {
        idf * weighted * (k1 + 1) / (k1 + weighted)
    }

    /// The stored impact: the score scaled and rounded, at least 1 so a match always counts.
    @inline(__always)
    public func impact(_ score: Double) -> Int {
        let scaled = score * impactScale
        // Rounds half away from zero as `rounded()` does, without its call into libm for every posting: for
        // 0 <= x < 2^53, truncating to Int and back is exact, and so is x minus that.
        guard scaled >= 0, scaled < 0x1p53 else { return max(1, Int(scaled.rounded())) }
        let whole = Int(scaled)
        return max(1, scaled - Double(whole) >= 0.5 ? whole + 1 : whole)
    }
}
