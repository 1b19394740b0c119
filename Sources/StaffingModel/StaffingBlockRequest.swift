/// A parsed fenced-block info string: `staffing NAME key=value ...`.
///
/// Columns are 1-based character positions inside the info string, so errors about a
/// parameter can point at it.
public struct StaffingBlockRequest: Equatable, Sendable {
    public var name: String
    public var parameters: [String: String]
    /// Column of the block name.
    public var nameColumn: Int
    /// Column of each parameter's key.
    public var parameterColumns: [String: Int]

    public init(name: String, parameters: [String: String], nameColumn: Int = 1, parameterColumns: [String: Int] = [:]) {
        self.name = name
        self.parameters = parameters
        self.nameColumn = nameColumn
        self.parameterColumns = parameterColumns
    }

    /// The info-string word that marks a staffing block.
    public static let keyword = "staffing"

    /// Parses `staffing NAME key=value ...` (words separated by spaces or tabs).
    ///
    /// Throws for a missing keyword or name, a word without `=`, an empty key or value, or a
    /// repeated key. Values cannot contain spaces (stems and code lists never do).
    public static func parse(infoString: String) throws(StaffingBlockError) -> StaffingBlockRequest {
        var words: [(text: String, column: Int)] = []
        var current = ""
        var start = 1
        for (offset, character) in infoString.enumerated() {
            if character == " " || character == "\t" {
                if !current.isEmpty { words.append((current, start)) }
                current = ""
            } else {
                if current.isEmpty { start = offset + 1 }
                current.append(character)
            }
        }
        if !current.isEmpty { words.append((current, start)) }

        guard let first = words.first, first.text == keyword else {
            throw StaffingBlockError(message: "a staffing block's info string must start with 'staffing', e.g. 'staffing bands model=customer-relations-2022'", column: words.first?.column ?? 1)
        }
        guard words.count > 1 else {
            throw StaffingBlockError(message: "the staffing block names no table; write 'staffing NAME ...' with NAME one of: \(StaffingData.blockNames.joined(separator: ", "))", column: first.column)
        }
        var request = StaffingBlockRequest(name: words[1].text, parameters: [:], nameColumn: words[1].column)
        for word in words.dropFirst(2) {
            let parts = word.text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw StaffingBlockError(message: "'\(word.text)' is not a parameter; write key=value with no spaces, e.g. model=customer-relations-2022", column: word.column)
            }
            let key = String(parts[0])
            guard request.parameters[key] == nil else {
                throw StaffingBlockError(message: "parameter '\(key)' is given twice; keep one", column: word.column)
            }
            request.parameters[key] = String(parts[1])
            request.parameterColumns[key] = word.column
        }
        return request
    }
}
