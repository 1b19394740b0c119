/// Splits a Markdown file into its YAML front matter and its body.
public enum FrontMatterSplitter {
    public struct Split: Sendable, Equatable {
        /// The YAML between the fences, without them.
        public var yaml: String
        /// Everything after the closing fence.
        public var body: String
        /// The file line of the closing fence; body line N is file line N + this.
        public var bodyLineOffset: Int
    }

    public enum Failure: Error, Equatable {
        /// The file does not start with a `---` line.
        case missingOpeningFence
        /// The opening fence at line 1 has no closing `---` line.
        case unterminated
    }

    /// Finds the front matter fenced by `---` lines at the very top of `text`.
    public static func split(_ text: String) -> Result<Split, Failure> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), trimmedFence(first) == "---" else {
            return .failure(.missingOpeningFence)
        }
        var yamlLines: [Substring] = []
        var lineNumber = 1
        while let line = lines.popFirst() {
            lineNumber += 1
            let fence = trimmedFence(line)
            if fence == "---" || fence == "..." {
                let body = lines.joined(separator: "\n")
                return .success(Split(
                    yaml: yamlLines.joined(separator: "\n"), body: body, bodyLineOffset: lineNumber))
            }
            yamlLines.append(line)
        }
        return .failure(.unterminated)
    }

    private static func trimmedFence(_ line: Substring) -> Substring {
        var line = line
        while let last = line.last, last == "\r" || last == " " || last == "\t" { line = line.dropLast() }
        return line
    }
}
