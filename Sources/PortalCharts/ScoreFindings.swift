import Foundation
import StaffingModel

/// What a score chart shows, worked out from the model and the districts alone: each district's
/// score and positions, its nearest band edge, which districts sit near an edge, and the exceptions.
public struct ScoreFindings: Sendable {
    /// One district on the chart.
    public struct Placement: Equatable, Sendable {
        public var result: DistrictResult
        /// The band edge closest to the score (the lower one when two are equally close).
        public var nearestEdge: Decimal
        /// `score − nearestEdge`: negative below the edge, 0 on it.
        public var offset: Decimal
        /// Whether an exception of the model lists the district.
        public var isException: Bool
        /// Whether the score is within the chart's margin of ``nearestEdge``.
        public var isNearEdge: Bool

        public var district: String { result.district }
        public var score: Decimal { result.score }
        /// `|offset|`.
        public var distance: Decimal { offset < 0 ? -offset : offset }
    }

    /// The default "near the edge" margin in score points.
    public static let defaultMargin: Decimal = 2

    /// Every band edge, ascending: each band's minimum and the top band's maximum (40, 102, 135, 187, 203).
    public let edges: [Decimal]
    /// The districts in the order of the data.
    public let placements: [Placement]
    /// A district this close to an edge (inclusive) is near it.
    public let margin: Decimal

    public init(model: WorkloadModel, districts: DistrictCounts, margin: Decimal = ScoreFindings.defaultMargin) {
        self.init(model: model, results: model.compute(districts: districts), margin: margin)
    }

    public init(model: WorkloadModel, results: [DistrictResult], margin: Decimal = ScoreFindings.defaultMargin) {
        let edges = Self.edges(of: model)
        self.edges = edges
        self.margin = margin
        placements = results.map { result in
            let nearest = Self.nearest(to: result.score, among: edges)
            let offset = result.score - (nearest ?? result.score)
            return Placement(
                result: result, nearestEdge: nearest ?? result.score, offset: offset,
                isException: model.exceptions.contains { $0.applies(to: result.district) },
                isNearEdge: nearest != nil && (offset < 0 ? -offset : offset) <= margin)
        }
    }

    /// Each band's minimum and the highest maximum, sorted and without repeats.
    public static func edges(of model: WorkloadModel) -> [Decimal] {
        var edges = Set(model.bands.map(\.min))
        if let top = model.bands.map(\.max).max() { edges.insert(top) }
        return edges.sorted()
    }

    /// The edge closest to `score`; of two equally close, the lower.
    static func nearest(to score: Decimal, among edges: [Decimal]) -> Decimal? {
        edges.min { a, b in
            let da = abs(score - a), db = abs(score - b)
            return da < db || (da == db && a < b)
        }
    }

    /// The districts closest to any edge: more than one only on a tie. Empty without districts or edges.
    public var nearestToEdge: [Placement] {
        guard !edges.isEmpty, let best = placements.map(\.distance).min() else { return [] }
        return placements.filter { $0.distance == best }
    }

    /// The districts within ``margin`` of an edge, in the order of the data.
    public var nearEdge: [Placement] { placements.filter(\.isNearEdge) }

    /// The districts an exception lists, in the order of the data.
    public var exceptions: [Placement] { placements.filter(\.isException) }

    /// "0.80 below 102", "1.50 above 135" or "on 102".
    public static func position(of placement: Placement) -> String {
        let edge = ChartNumber.plain(placement.nearestEdge)
        if placement.offset == 0 { return "on \(edge)" }
        return "\(ChartNumber.score(placement.distance)) \(placement.offset < 0 ? "below" : "above") \(edge)"
    }

    /// The chart's finding in sentences: the edges, the district nearest an edge, the near ones and the exceptions.
    public var summary: String {
        var sentences = ["Workload scores of \(count(placements.count, "district")) against the band edges \(Self.list(edges.map(ChartNumber.plain)))."]
        if placements.isEmpty { return sentences[0] }
        if let highest = placements.max(by: { $0.score < $1.score }), let lowest = placements.min(by: { $0.score < $1.score }) {
            sentences.append("Scores run from \(ChartNumber.score(lowest.score)) (\(lowest.district)) to \(ChartNumber.score(highest.score)) (\(highest.district)).")
        }
        let nearest = nearestToEdge
        if !nearest.isEmpty {
            let names = nearest.map { "\($0.district) (\(ChartNumber.score($0.score)), \(Self.position(of: $0)))" }
            sentences.append("Nearest a band edge: \(Self.list(names)).")
        }
        let near = nearEdge
        let marginText = ChartNumber.plain(margin)
        sentences.append(near.isEmpty
            ? "No district is within \(marginText) points of a band edge."
            : "Near the edge (within \(marginText) points): \(Self.list(near.map(\.district))).")
        if !exceptions.isEmpty {
            sentences.append("Exceptions: \(Self.list(exceptions.map(\.district))).")
        }
        return sentences.joined(separator: " ")
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "none"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
