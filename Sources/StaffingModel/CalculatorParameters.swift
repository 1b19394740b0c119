import Foundation

/// A model's parameters as JSON for the browser calculator, so the page and the site share one source of truth.
///
/// Encodes (camelCase keys) the standardization method, factors with weights, bands with their
/// earned counts, exceptions, the rounding rule, flag names, and, when the site has districts
/// data with the model's stem, the mean count per factor to index against.
public struct CalculatorParameters: Codable, Equatable, Sendable {
    public struct Standardization: Codable, Equatable, Sendable {
        /// "index-to-mean".
        public var method: String
        /// Index of a count equal to the mean (100).
        public var indexOfMean: Int
        /// Index used for every count when a factor's mean is 0 (0).
        public var indexWhenMeanIsZero: Int
        public var description: String
    }

    public struct Band: Codable, Equatable, Sendable {
        public var min: Decimal
        public var max: Decimal
        /// "min–max", e.g. "102.00–134.99".
        public var label: String
        public var earned: [String: Int]
    }

    public struct Rounding: Codable, Equatable, Sendable {
        /// Decimals the score is rounded to (2).
        public var decimals: Int
        /// "half-up": .5 of the last place rounds away from zero.
        public var mode: String
        /// "band-lookup": the rounded score is what is compared with the bands.
        public var appliedBefore: String
    }

    public struct Flags: Codable, Equatable, Sendable {
        public var belowMinimum: String
        public var aboveMaximum: String
        /// Template for exception flags; `{retain}` and `{inLieuOf}` are codes.
        public var exception: String
        /// Used instead when the district had no `{inLieuOf}` position to give up.
        public var exceptionWithoutTrade: String
    }

    public var name: String
    public var standardization: Standardization
    public var factors: [WorkloadFactor]
    /// In the order the model lists them.
    public var bands: [Band]
    public var occupationCodes: [String]
    public var exceptions: [BandException]
    public var rounding: Rounding
    public var flags: Flags
    /// Mean count per factor key over the districts data with the same stem, or `nil` without one.
    public var means: [String: Decimal]?
    /// Whether those means come from illustrative (made-up) districts; `nil` without means.
    public var meansAreIllustrative: Bool?

    public init(model: WorkloadModel, means: [String: Decimal]? = nil, meansAreIllustrative: Bool? = nil) {
        name = model.name
        standardization = Standardization(
            method: model.standardization.rawValue, indexOfMean: 100, indexWhenMeanIsZero: 0,
            description: StaffingTable.indexToMeanAssumption)
        factors = model.factors
        bands = model.bands.map { Band(min: $0.min, max: $0.max, label: $0.range.label, earned: $0.earned) }
        occupationCodes = model.occupationCodes
        exceptions = model.exceptions
        rounding = Rounding(decimals: Staffing.scoreDecimals, mode: "half-up", appliedBefore: "band-lookup")
        flags = Flags(
            belowMinimum: Staffing.belowMinimumFlag, aboveMaximum: Staffing.aboveMaximumFlag,
            exception: "exception: retains {retain} in lieu of one {inLieuOf}",
            exceptionWithoutTrade: "exception: retains {retain}")
        self.means = means
        self.meansAreIllustrative = means == nil ? nil : (meansAreIllustrative ?? false)
    }
}

extension StaffingData {
    /// Calculator parameters per model stem, for embedding as JSON in the calculator page.
    public var parametersForCalculator: [String: CalculatorParameters] {
        Dictionary(uniqueKeysWithValues: models.map { stem, model in
            let districts = districtSets[stem]
            return (stem, CalculatorParameters(
                model: model, means: districts.map { model.means(of: $0) }, meansAreIllustrative: districts?.isIllustrative))
        })
    }
}

extension Staffing {
    /// `value` as JSON with sorted keys (and indentation when `pretty`), for stable output.
    public static func json(_ value: some Encodable, pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
