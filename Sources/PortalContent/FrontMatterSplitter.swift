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
    ///
    /// Lines end at `\n` as `Character`s do (a `\r\n` pair is one character and
    /// ends no line). The scan stops at the closing fence and takes the body as
    /// one slice, so a long body is never cut into lines.
    public static func split(_ text: String) -> Result<Split, Failure> {
        let utf8 = text.utf8
        /// Where the line at `start` ends, and where the next one starts, if there is one.
        func line(from start: String.Index) -> (end: String.Index, next: String.Index?) {
            var index = start
            var previous: UInt8 = 0
            while index < utf8.endIndex {
                let byte = utf8[index]
                if byte == 0x0A && previous != 0x0D { return (index, utf8.index(after: index)) }
                previous = byte
                index = utf8.index(after: index)
            }
            return (index, nil)
        }
        let first = line(from: utf8.startIndex)
        guard trimmedFence(text[utf8.startIndex..<first.end]) == "---" else {
            return .failure(.missingOpeningFence)
        }
        guard let yamlStart = first.next else { return .failure(.unterminated) }
        var start = yamlStart
        var lineNumber = 1
        while true {
            let current = line(from: start)
            lineNumber += 1
            let fence = trimmedFence(text[start..<current.end])
            if fence == "---" || fence == "..." {
                // The YAML runs up to the newline before the fence; there is none when the fence comes at once.
                let yaml = start == yamlStart ? "" : String(text[yamlStart..<utf8.index(before: start)])
                let body = current.next.map { String(text[$0...]) } ?? ""
                return .success(Split(yaml: yaml, body: body, bodyLineOffset: lineNumber))
            }
            guard let next = current.next else { return .failure(.unterminated) }
            start = next
        }
    }

    private static func trimmedFence(_ line: Substring) -> Substring {
        var line = line
        while let last = line.last, last == "\r" || last == " " || last == "\t" { line = line.dropLast() }
        return line
    }
}
