import Foundation

/// A standardized workload staffing model: weighted factors, score bands, and exceptions.
///
/// ``parse(yaml:path:)`` validates a model (weights sum to 100; bands ordered, non-overlapping
/// and gap-free at 0.01). A model built with the memberwise initializer is not validated; a
/// score that falls in a gap of such a model gets no band.
public struct WorkloadModel: Equatable, Sendable {
    /// How raw counts become comparable numbers. Only `index-to-mean` exists.
    public enum Standardization: String, Equatable, Sendable, Codable, CaseIterable {
        /// Each count is an index against the mean over all districts (mean = 100).
        case indexToMean = "index-to-mean"
    }

    /// Where a rounded score lands among the bands.
    public enum BandPlacement: Equatable, Sendable {
        case inBand(ScoreBand)
        /// Under the lowest minimum: no positions, flag `below-minimum`.
        case belowMinimum
        /// Over the highest maximum: the top band, flag `above-maximum`.
        case aboveMaximum(ScoreBand)
        /// In a gap between bands (only possible in an unvalidated model).
        case unbanded
    }

    public var name: String
    public var standardization: Standardization
    public var factors: [WorkloadFactor]
    /// Bands in the order the file lists them (the letter lists highest first).
    public var bands: [ScoreBand]
    public var exceptions: [BandException]
    /// Occupation codes the bands award, in the order the first band lists them.
    public var occupationCodes: [String]

    /// `occupationCodes` defaults to the codes of all bands, sorted.
    public init(
        name: String, standardization: Standardization = .indexToMean, factors: [WorkloadFactor],
        bands: [ScoreBand], exceptions: [BandException] = [], occupationCodes: [String]? = nil
    ) {
        self.name = name
        self.standardization = standardization
        self.factors = factors
        self.bands = bands
        self.exceptions = exceptions
        self.occupationCodes = occupationCodes ?? Set(bands.flatMap(\.earned.keys)).sorted()
    }

    /// Parses and validates a model YAML; `path` is only used in errors. Reports every problem found.
    public static func parse(yaml: String, path: String) throws(StaffingErrors) -> WorkloadModel {
        var parser = WorkloadModelParser(path: path)
        let model = parser.parse(yaml)
        guard parser.errors.isEmpty, let model else { throw StaffingErrors(parser.errors) }
        return model
    }

    // MARK: Computation

    /// Mean count per factor over `districts`, with any `overrides` (what-if means) taking precedence.
    public func means(of districts: DistrictCounts, overriding overrides: [String: Decimal] = [:]) -> [String: Decimal] {
        Dictionary(uniqueKeysWithValues: factors.map { ($0.key, overrides[$0.key] ?? districts.mean(of: $0.key)) })
    }

    /// Scores every district against the means over all of `districts` (or the given `means`).
    ///
    /// `means` overrides the computed mean factor by factor, for what-if use. A count missing
    /// from a row counts as 0; check ``DistrictCounts/problems(against:)`` first to rule that out.
    public func compute(districts: DistrictCounts, means: [String: Decimal] = [:]) -> [DistrictResult] {
        let allMeans = self.means(of: districts, overriding: means)
        return districts.rows.map { result(district: $0.district, counts: $0.counts, means: allMeans) }
    }

    /// Scores one district's `counts` against explicit `means` (factor key → mean; missing means 0).
    public func result(district: String, counts: [String: Int], means: [String: Decimal]) -> DistrictResult {
        var indexes: [String: Decimal] = [:]
        for factor in factors {
            indexes[factor.key] = Staffing.index(
                count: Decimal(counts[factor.key, default: 0]), mean: means[factor.key, default: 0])
        }
        let score = Staffing.roundedScore(Staffing.unroundedScore(indexes: indexes, factors: factors))
        var flags: [String] = []
        var range: ScoreRange?
        var earned = Dictionary(uniqueKeysWithValues: occupationCodes.map { ($0, 0) })
        switch placement(ofRoundedScore: score) {
        case .inBand(let band):
            range = band.range
            earned.merge(band.earned) { $1 }
        case .aboveMaximum(let band):
            range = band.range
            earned.merge(band.earned) { $1 }
            flags.append(Staffing.aboveMaximumFlag)
        case .belowMinimum:
            flags.append(Staffing.belowMinimumFlag)
        case .unbanded:
            break
        }
        for exception in exceptions {
            let (adjusted, flag) = exception.apply(to: earned, district: district)
            earned = adjusted
            if let flag { flags.append(flag) }
        }
        return DistrictResult(
            district: district, indexes: indexes, score: score, band: range, earned: earned, flags: flags)
    }

    /// Finds the band for a score already rounded to 2 decimals.
    public func placement(ofRoundedScore score: Decimal) -> BandPlacement {
        guard let lowest = bands.min(by: { $0.min < $1.min }),
              let highest = bands.max(by: { $0.max < $1.max })
        else { return .unbanded }
        if score < lowest.min { return .belowMinimum }
        if score > highest.max { return .aboveMaximum(highest) }
        return bands.first { $0.range.contains(score) }.map(BandPlacement.inBand) ?? .unbanded
    }
}
