/// A problem found in a staffing data file, located at a line and column of that file.
///
/// `path` is the path as the caller should show it (for data loaded through
/// ``StaffingData/load(files:displayPrefix:)`` it is the display prefix plus the file key,
/// e.g. `Content/data/customer-relations-2022.districts.csv`). `line` and `column` are
/// 1-based; a problem that concerns the whole file is reported at 1:1. `message` says what
/// is wrong and how to fix it.
public struct StaffingError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`, the form compilers and editors understand.
    public var description: String { "\(path):\(line):\(column): \(message)" }
}

/// Every problem found while reading staffing data, so authors can fix them all in one pass.
///
/// `errors` is never empty when thrown and is sorted by path, line, then column.
public struct StaffingErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public var errors: [StaffingError]

    public init(_ errors: [StaffingError]) {
        self.errors = errors.sorted { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }
    }

    /// One error per line, in ``StaffingError/description`` form.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
