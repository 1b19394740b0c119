import Foundation
@testable import StaffingModel

/// Shared inputs for the staffing tests.
enum Fixtures {
    static let crc = "2345-5035"
    static let crs = "2370-0671"
    static let lead = Staffing.leadQualitySpecCode

    static let catalog: [String: PositionLabel] = [
        crc: PositionLabel(title: "Customer Relations Coordinator", grade: "EAS-17"),
        crs: PositionLabel(title: "Customer Relations Specialist", grade: "EAS-19"),
        lead: PositionLabel(title: "Lead Customer Care Quality Spec", grade: "EAS-17"),
    ]

    /// The 2022 model as in the letter; line numbers matter to the error tests that edit it.
    static let modelYAML = """
        name: Customer Relations staffing criteria (proposed 2022)
        standardization: index-to-mean
        factors:
          - {key: c360_service_requests, label: Number of C360 service requests, weight: 40}
          - {key: congressional_and_pcc, label: Number of congressional and Postal Customer Councils, weight: 30}
          - {key: possible_deliveries, label: Number of total possible deliveries, weight: 10}
          - {key: bsn_requests, label: Number of Business Service Network requests, weight: 20}
        bands:
          - {min: 187.00, max: 203.00, earned: {"2345-5035": 4, "2370-0671": 1}}
          - {min: 135.00, max: 186.99, earned: {"2345-5035": 3, "2370-0671": 1}}
          - {min: 102.00, max: 134.99, earned: {"2345-5035": 2, "2370-0671": 0}}
          - {min: 40.00, max: 101.99, earned: {"2345-5035": 1, "2370-0671": 0}}
        exceptions:
          - {districts: [California, Hawaii, Puerto Rico], retain: "2370-0671", in_lieu_of: "2345-5035"}

        """

    static let modelPath = "Content/data/test.model.yaml"
    static let csvPath = "Content/data/test.districts.csv"

    static func model() throws -> WorkloadModel {
        try WorkloadModel.parse(yaml: modelYAML, path: modelPath)
    }

    static let factorKeys = ["c360_service_requests", "congressional_and_pcc", "possible_deliveries", "bsn_requests"]

    /// Means of 100,000 for every factor, so a count of 101,994 is an index of 101.994.
    static let flatMeans = Dictionary(uniqueKeysWithValues: factorKeys.map { ($0, Decimal(100_000)) })

    /// The same count for every factor: with ``flatMeans`` the score is `count / 1000`.
    static func uniform(_ count: Int) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: factorKeys.map { ($0, count) })
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

    /// The errors `body` throws, or an empty list when it does not throw.
    static func errors(_ body: () throws(StaffingErrors) -> Void) -> [StaffingError] {
        do {
            try body()
            return []
        } catch {
            return error.errors
        }
    }

    /// The repository root, found from this file's path.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
