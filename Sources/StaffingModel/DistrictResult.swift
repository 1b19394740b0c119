import Foundation

/// The outcome of the workload model for one district: indexes, rounded score, band, positions, flags.
///
/// Its JSON form (via `Codable`) is an object with keys `district`; `indexes` (factor key →
/// number, rounded half-up to 2 decimals for display; the score was computed from unrounded
/// indexes); `score` (string with exactly 2 decimals, e.g. "102.00"); `band` ("min–max" with an
/// en dash, or null below the minimum); `earned` (occupation code → count, after exceptions);
/// and `flags` (list of strings). Decoding that form gives back the rounded indexes.
public struct DistrictResult: Equatable, Sendable, Codable {
    public var district: String
    /// Index per factor key, unrounded (mean over the districts = 100).
    public var indexes: [String: Decimal]
    /// Weighted score, already rounded half-up to 2 decimals.
    public var score: Decimal
    /// The band the score fell in (the top band when above the maximum); `nil` below the minimum.
    public var band: ScoreRange?
    /// Positions earned by occupation code, after exceptions; every model code is present.
    public var earned: [String: Int]
    /// `below-minimum`, `above-maximum`, and exception flags, in that order.
    public var flags: [String]

    public init(
        district: String, indexes: [String: Decimal], score: Decimal, band: ScoreRange?,
        earned: [String: Int], flags: [String]
    ) {
        self.district = district
        self.indexes = indexes
        self.score = score
        self.band = band
        self.earned = earned
        self.flags = flags
    }

    enum CodingKeys: String, CodingKey {
        case district, indexes, score, band, earned, flags
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        district = try container.decode(String.self, forKey: .district)
        indexes = try container.decode([String: Decimal].self, forKey: .indexes)
        let scoreText = try container.decode(String.self, forKey: .score)
        guard let score = NumberText.decimal(scoreText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .score, in: container, debugDescription: "expected a score like \"102.00\", found \"\(scoreText)\"")
        }
        self.score = score
        if let label = try container.decodeIfPresent(String.self, forKey: .band) {
            guard let range = ScoreRange(label: label) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .band, in: container, debugDescription: "expected a band like \"102.00–134.99\", found \"\(label)\"")
            }
            band = range
        } else {
            band = nil
        }
        earned = try container.decode([String: Int].self, forKey: .earned)
        flags = try container.decode([String].self, forKey: .flags)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(district, forKey: .district)
        try container.encode(indexes.mapValues { NumberText.rounded($0, places: 2) }, forKey: .indexes)
        try container.encode(Staffing.scoreText(score), forKey: .score)
        if let band {
            try container.encode(band.label, forKey: .band)
        } else {
            try container.encodeNil(forKey: .band)
        }
        try container.encode(earned, forKey: .earned)
        try container.encode(flags, forKey: .flags)
    }
}
