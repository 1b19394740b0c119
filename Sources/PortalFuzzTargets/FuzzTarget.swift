/// The libFuzzer targets: each takes arbitrary bytes and traps when the code under test crashes or breaks a promise.
///
/// `Scripts/fuzz.sh TARGET` runs one under libFuzzer; the regression tests
/// replay every saved input in `Tests/Fixtures/fuzz/TARGET/` through ``run(_:)``,
/// so a crash found once stays fixed.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The front-matter splitter and the document decoder.
    case frontMatter = "front-matter"
    /// The occupation-code recognizer on running text.
    case occupationCodes = "occupation-codes"
    /// A whole document through the site pipeline: Markdown, staffing blocks, templates, every generator.
    case markdownPage = "markdown-page"
    /// Theme templates, one replaced by the input and an extra one beside it, loaded and rendered into a small site.
    case themeTemplate = "theme-template"

    /// Feeds one input to the target; returns normally unless something crashed or an invariant failed.
    ///
    /// Returns how many results it checked (documents decoded, codes found,
    /// pages built), so a test can tell that an input got through.
    @discardableResult
    public func run(_ bytes: [UInt8]) -> Int {
        switch self {
        case .frontMatter: FrontMatterFuzz.run(bytes)
        case .occupationCodes: OccupationCodeFuzz.run(bytes)
        case .markdownPage: MarkdownPageFuzz.shared.run(bytes)
        case .themeTemplate: ThemeTemplateFuzz.shared.run(bytes)
        }
    }
}

/// Stops the run with a message libFuzzer records as a crash, with the input that caused it.
func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant failed: \(message())") }
}
