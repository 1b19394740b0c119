import ArgumentParser
import Foundation

/// Folder options shared by the commands that read content.
struct SiteLocations: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    @Option(name: .long, help: "The theme folder, with templates/ and assets/.")
    var theme: String = "Theme"

    var contentURL: URL { URL(fileURLWithPath: content) }
    var themeURL: URL { URL(fileURLWithPath: theme) }
    /// The content folder as the user wrote it, for diagnostics: `Content/letters/x.md:3:1`.
    var contentDisplayRoot: String {
        content.count > 1 && content.hasSuffix("/") ? String(content.dropLast()) : content
    }
}
