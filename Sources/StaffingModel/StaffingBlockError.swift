/// A problem with a `staffing` block in a Markdown page (bad name, parameter or reference).
///
/// The caller knows the page and line of the block and adds them. `parameter` names the
/// parameter at fault, when there is one, so a caller that tracks its own positions can point
/// at it. `column` is the 1-based column inside the info string; only
/// ``StaffingData/table(infoString:catalog:)`` fills it in, otherwise it is `nil`.
public struct StaffingBlockError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int?
    public var parameter: String?

    public init(message: String, column: Int? = nil, parameter: String? = nil) {
        self.message = message
        self.column = column
        self.parameter = parameter
    }

    public var description: String { message }
}
