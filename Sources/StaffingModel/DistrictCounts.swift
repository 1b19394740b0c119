import Foundation

/// Raw workload counts per district, read from a districts CSV (`district,<factor key>,...`).
///
/// Parsing checks the CSV on its own (header, whole non-negative counts, one value per column,
/// unique district names); ``problems(against:)`` checks that the columns are exactly the
/// factors of a model. Whether the figures are illustrative comes from the optional sidecar
/// (see ``DistrictSetInfo``).
public struct DistrictCounts: Equatable, Sendable {
    /// One district's counts, keyed by factor key; `line` is its line in the CSV (0 when built in code).
    public struct Row: Equatable, Sendable {
        public var district: String
        public var counts: [String: Int]
        public var line: Int

        public init(district: String, counts: [String: Int], line: Int = 0) {
            self.district = district
            self.counts = counts
            self.line = line
        }
    }

    /// The path used in errors.
    public var path: String
    /// Count columns in header order (without `district`).
    public var columns: [String]
    public var rows: [Row]
    /// Title, illustrative flag and note from the sidecar; plain defaults when there is none.
    public var info: DistrictSetInfo

    /// Where each header column starts, for locating column errors.
    var headerColumnPositions: [String: Int] = [:]
    /// Column just after the header's last character.
    var headerEndColumn = 1

    public init(path: String = "", columns: [String], rows: [Row], info: DistrictSetInfo = DistrictSetInfo()) {
        self.path = path
        self.columns = columns
        self.rows = rows
        self.info = info
    }

    /// Whether the figures are made up for illustration (from the sidecar's `illustrative`).
    public var isIllustrative: Bool { info.isIllustrative }

    /// The mean count of `key` over all rows (0 when there are no rows).
    public func mean(of key: String) -> Decimal {
        guard !rows.isEmpty else { return 0 }
        let total = rows.reduce(Decimal(0)) { $0 + Decimal($1.counts[key, default: 0]) }
        return total / Decimal(rows.count)
    }

    /// Parses a districts CSV; `path` is only used in errors. Reports every problem found.
    public static func parse(csv: String, path: String) throws(StaffingErrors) -> DistrictCounts {
        var parser = DistrictsCSVParser(path: path)
        let counts = parser.parse(csv)
        guard parser.errors.isEmpty, let counts else { throw StaffingErrors(parser.errors) }
        return counts
    }

    /// Parses a districts CSV and checks its columns against `model` in one step.
    public static func parse(csv: String, path: String, model: WorkloadModel) throws(StaffingErrors) -> DistrictCounts {
        var parser = DistrictsCSVParser(path: path)
        let counts = parser.parse(csv)
        let problems = parser.errors + (counts?.problems(against: model) ?? [])
        guard problems.isEmpty, let counts else { throw StaffingErrors(problems) }
        return counts
    }

    /// Header problems relative to `model`: count columns that are not factors, and factors with no column.
    public func problems(against model: WorkloadModel) -> [StaffingError] {
        let keys = model.factors.map(\.key)
        let expected = "the model '\(model.name)' needs exactly these columns after 'district': \(keys.joined(separator: ","))"
        var problems: [StaffingError] = []
        for column in columns where !keys.contains(column) {
            problems.append(StaffingError(
                path: path, line: 1, column: headerColumnPositions[column] ?? 1,
                message: "unknown factor column '\(column.excerpt)'; rename or remove it: \(expected)"))
        }
        for key in keys where !columns.contains(key) {
            problems.append(StaffingError(
                path: path, line: 1, column: headerEndColumn,
                message: "missing column '\(key)'; add it to the header and give every district a count: \(expected)"))
        }
        return problems
    }
}
