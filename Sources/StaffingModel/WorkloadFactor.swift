import Foundation

/// One weighted workload factor of a staffing model, e.g. C360 service requests at 40%.
public struct WorkloadFactor: Equatable, Hashable, Sendable, Codable {
    /// Identifier used as the districts CSV column name, e.g. `c360_service_requests`.
    public var key: String
    /// Wording for readers, e.g. "Number of C360 service requests".
    public var label: String
    /// Percentage weight; a valid model's weights sum to 100.
    public var weight: Decimal

    public init(key: String, label: String, weight: Decimal) {
        self.key = key
        self.label = label
        self.weight = weight
    }
}
