import Testing

@testable import PortalContent

/// The splitter scans bytes instead of cutting the file into lines; it must answer exactly as the line-cutting version did.
@Suite struct FrontMatterSplitterTests {
    /// The previous implementation, kept as the oracle.
    static func reference(_ text: String) -> Result<FrontMatterSplitter.Split, FrontMatterSplitter.Failure> {
        func trimmedFence(_ line: Substring) -> Substring {
            var line = line
            while let last = line.last, last == "\r" || last == " " || last == "\t" { line = line.dropLast() }
            return line
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), trimmedFence(first) == "---" else { return .failure(.missingOpeningFence) }
        var yamlLines: [Substring] = []
        var lineNumber = 1
        while let line = lines.popFirst() {
            lineNumber += 1
            let fence = trimmedFence(line)
            if fence == "---" || fence == "..." {
                return .success(.init(yaml: yamlLines.joined(separator: "\n"), body: lines.joined(separator: "\n"), bodyLineOffset: lineNumber))
            }
            yamlLines.append(line)
        }
        return .failure(.unterminated)
    }

    static let samples = [
        "", "---", "---\n", "---\n---", "---\n---\n", "---\n---\nbody", "--- \ntitle: A\n--- \t\nbody\n",
        "---\ntitle: A\nkind: article\n---\n\nFirst.\n\nSecond — “quoted” é.\n", "---\ntitle: A\n...\nbody",
        "---\r\ntitle: A\r\n---\r\nbody\r\n", "---\ntitle: A\r\n---\nbody", "title: A\n---\n", "---\ntitle: A\n",
        "---\ntitle: A\n\n\n---\n\n\n", "---\n---\n---\n", "\u{FEFF}---\n---\n", "---\n  ---\nx", "---\ntitle: 🇺🇸\n---\n🇺🇸\n",
    ]

    @Test(arguments: samples) func matchesTheLineCuttingSplitter(_ text: String) {
        #expect(FrontMatterSplitter.split(text) == Self.reference(text))
    }

    @Test func splitsYAMLBodyAndLineOffset() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: A\nkind: qa\n---\n\nBody\n").get()
        #expect(split.yaml == "title: A\nkind: qa")
        #expect(split.body == "\nBody\n")
        #expect(split.bodyLineOffset == 4)
    }
}
