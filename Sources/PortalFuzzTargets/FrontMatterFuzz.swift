import PortalContent

/// Splits and decodes arbitrary text as a Markdown document; every diagnostic must point inside the file.
enum FrontMatterFuzz {
    static func run(_ bytes: [UInt8]) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        if case .success(let split) = FrontMatterSplitter.split(text) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            invariant(split.bodyLineOffset >= 2 && split.bodyLineOffset <= lines, "body offset \(split.bodyLineOffset) of \(lines) lines")
        }
        // Lines as an editor counts them, and as the decoder does: LF, CR LF (one Character in Swift) and a lone CR.
        let lineCount = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count
        switch DocumentDecoder.decode(text, path: "articles/fuzz.md", displayPath: "Content/articles/fuzz.md") {
        case .success(let document):
            invariant(!document.title.isEmpty, "decoded an empty title")
            invariant(document.date.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil, "decoded date \(document.date)")
            return 1
        case .failure(let diagnostics):
            invariant(!diagnostics.errors.isEmpty, "failed without an error")
            for diagnostic in diagnostics.items {
                invariant(diagnostic.line >= 1 && diagnostic.line <= lineCount + 1, "line \(diagnostic.line) of \(lineCount): \(diagnostic)")
                _ = diagnostic.rendered
            }
            return 0
        }
    }
}
