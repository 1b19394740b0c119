import Yams

/// A libyaml error told in an author's words, with where it happened when libyaml says.
///
/// libyaml's own texts name its internals ("set with yaml_set_max_nest_level()"),
/// and Yams' descriptions of its errors quote the input around the mark, which
/// for a one-line file can be the whole of it; neither belongs in a diagnostic.
public struct YAMLProblem: Sendable, Equatable {
    /// What is wrong, without a location and without quoting the input.
    public var text: String
    /// What libyaml was reading when it failed ("while parsing a flow mapping"), when it says.
    public var context: String?
    /// 1-based line and column in the YAML text; nil when libyaml gives none.
    public var line: Int?
    public var column: Int?

    public init(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            text = Self.plain(problem)
            self.context = problem.contains("nesting level") ? nil : context?.text
            (line, column) = (mark.line, mark.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            text = "duplicate field \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
            (line, column) = (context.mark.line, context.mark.column)
        case let .reader(problem, _, _, _):
            text = "the text cannot be read as YAML (\(problem))"
        case .dataCouldNotBeDecoded:
            text = "the text is not valid UTF-8"
        default:
            text = "the text cannot be read as YAML"
        }
    }

    /// libyaml's `problem` in plain words.
    static func plain(_ problem: String) -> String {
        if problem.contains("nesting level") {
            return "lists or mappings are nested inside one another too deeply; a field holds text, a list or a mapping"
        }
        return problem
    }
}
