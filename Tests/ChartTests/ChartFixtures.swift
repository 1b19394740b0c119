import Foundation
import StaffingModel

/// Models and district sets for the chart tests, written as the data files are.
enum ChartFixtures {
    static let crc = "2345-5035"
    static let crs = "2370-0671"

    static let catalog: [String: PositionLabel] = [
        crc: PositionLabel(title: "Customer Relations Coordinator", grade: "EAS-17"),
        crs: PositionLabel(title: "Customer Relations Specialist (District)", grade: "EAS-19"),
    ]

    /// The 2022 model: edges 40, 102, 135, 187, 203; exceptions California, Hawaii, Puerto Rico.
    static let model2022 = """
        name: Customer Relations staffing criteria (proposed 2022)
        standardization: index-to-mean
        factors:
          - {key: a, label: A, weight: 40}
          - {key: b, label: B, weight: 30}
          - {key: c, label: C, weight: 10}
          - {key: d, label: D, weight: 20}
        bands:
          - {min: 187.00, max: 203.00, earned: {"2345-5035": 4, "2370-0671": 1}}
          - {min: 135.00, max: 186.99, earned: {"2345-5035": 3, "2370-0671": 1}}
          - {min: 102.00, max: 134.99, earned: {"2345-5035": 2, "2370-0671": 0}}
          - {min: 40.00, max: 101.99, earned: {"2345-5035": 1, "2370-0671": 0}}
        exceptions:
          - {districts: [California, Hawaii, Puerto Rico], retain: "2370-0671", in_lieu_of: "2345-5035"}

        """

    /// A variant with other edges (50, 90, 150, 260) and another exception, so nothing can be hard-coded.
    static let variant = """
        name: Variant criteria
        standardization: index-to-mean
        factors:
          - {key: a, label: A, weight: 40}
          - {key: b, label: B, weight: 30}
          - {key: c, label: C, weight: 10}
          - {key: d, label: D, weight: 20}
        bands:
          - {min: 150.00, max: 260.00, earned: {"2345-5035": 5, "2370-0671": 2}}
          - {min: 90.00, max: 149.99, earned: {"2345-5035": 2, "2370-0671": 1}}
          - {min: 50.00, max: 89.99, earned: {"2345-5035": 1, "2370-0671": 0}}
        exceptions:
          - {districts: [Nevada], retain: "2370-0671", in_lieu_of: "2345-5035"}

        """

    static func model(_ yaml: String) throws -> WorkloadModel {
        try WorkloadModel.parse(yaml: yaml, path: "test.model.yaml")
    }

    /// Results whose scores are exactly the given numbers: every mean is 100,000 and a district's four
    /// counts are equal, so its score is `count / 1000`; bands and exceptions apply as the model says.
    static func results(_ model: WorkloadModel, _ scores: [(String, Decimal)]) -> [DistrictResult] {
        let means = Dictionary(uniqueKeysWithValues: ["a", "b", "c", "d"].map { ($0, Decimal(100_000)) })
        return scores.map { name, score in
            let count = NSDecimalNumber(decimal: score * 1000).intValue
            return model.result(district: name, counts: ["a": count, "b": count, "c": count, "d": count], means: means)
        }
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }
}
