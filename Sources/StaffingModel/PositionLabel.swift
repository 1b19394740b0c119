/// How a position is named on the site: a title and a grade, looked up by occupation code.
///
/// The catalog (`[occupationCode: PositionLabel]`) is owned by the caller, so data files
/// carry only codes and a mislabelled row cannot be typed into them.
public struct PositionLabel: Equatable, Hashable, Sendable {
    public var title: String
    public var grade: String

    public init(title: String, grade: String) {
        self.title = title
        self.grade = grade
    }

    /// `title grade`, e.g. "Customer Relations Coordinator EAS-17".
    public var name: String { grade.isEmpty ? title : "\(title) \(grade)" }

    /// `title grade (code)`, e.g. "Customer Relations Coordinator EAS-17 (2345-5035)".
    public func name(code: String) -> String { "\(name) (\(code))" }
}
