import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A hostile or mistaken theme gives one located error and exit 1, and leaves the last good output as it was.
///
/// Each case builds a small site with a copy of the real theme once, spoils the
/// copy, and runs `portal build` (and for includes `portal check`) again: no
/// crash, no file from outside the theme published, the earlier output byte-identical.
@Suite struct ThemeInputTests {
    /// A site folder with `Content/` (one article), a copy of the real `Theme/` and a `Public/` built from them.
    struct Site {
        let root: URL
        var theme: URL { root.appendingPathComponent("Theme") }
        var output: URL { root.appendingPathComponent("Public") }
        /// `root` with every link resolved, as the theme's messages print it.
        var realRoot: String { root.resolvingSymlinksInPath().path }

        init(_ name: String = #function) throws {
            root = try temporaryFolder(name)
            try write("---\ntitle: Fine\nkind: article\ndate: 2024-01-02\n---\n\nText.\n", to: root.appendingPathComponent("Content/articles/ok.md"))
            try FileManager.default.copyItem(at: themeFolder, to: theme)
            let first = try build()
            #expect(first.status == 0, "the first build failed: \(first.stderr)")
        }

        func build() throws -> Portal.Result {
            try Portal.run(["build", "--content", "Content", "--theme", "Theme", "--output", "Public"], in: root, timeout: 60)
        }

        func check() throws -> Portal.Result {
            try Portal.run(["check", "--content", "Content", "--theme", "Theme"], in: root, timeout: 60)
        }

        /// Puts `lines` before the first line of `templates/NAME.mustache`.
        func prepend(_ lines: String, to name: String) throws {
            let file = theme.appendingPathComponent("templates/\(name).mustache")
            try write(lines + (try String(contentsOf: file, encoding: .utf8)), to: file)
        }

        func link(_ path: String, to destination: String) throws {
            let link = theme.appendingPathComponent(path)
            try? FileManager.default.removeItem(at: link)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: destination)
        }

        /// `portal build` (and `portal check` when `checked`) fail with `expected` first, exit 1, and leave the output alone.
        /// Whether `line` is `expected`, or `expected` cut short with "…" as every message longer than
        /// ``Diagnostic/maximumLength`` is (a long temporary path can push the end of a message past it).
        static func matches(_ line: String?, _ expected: String) -> Bool {
            guard let line else { return false }
            return line == expected || (line.hasSuffix("…") && expected.hasPrefix(String(line.dropLast())))
        }

        func expectRefused(_ expected: String, checked: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let before = try snapshot(output)
            let result = try build()
            #expect(!result.timedOut, "portal hung", sourceLocation: sourceLocation)
            #expect(result.status == 1, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(!looksLikeACrash(result.stderr), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(Self.matches(result.stderr.split(separator: "\n").first.map(String.init), expected), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(differences(before, try snapshot(output)) == [], "the failed build changed the output", sourceLocation: sourceLocation)
            if checked {
                let report = try check()
                #expect(report.status == 1, "check exit \(report.status): \(report.stderr)", sourceLocation: sourceLocation)
                #expect(!looksLikeACrash(report.stderr), "\(report.stderr)", sourceLocation: sourceLocation)
                #expect(Self.matches(report.stdout.split(separator: "\n").first.map(String.init), expected), sourceLocation: sourceLocation)
            }
        }
    }

    @Test func templateIncludingItself() throws {
        let site = try Site()
        try site.prepend("<!-- frame -->\n  {{> layout}}\n", to: "layout")
        try site.expectRefused(
            "Theme/templates/layout.mustache:2:3: error: template include cycle layout → layout; remove the include", checked: true)
    }

    @Test func twoTemplatesIncludingEachOther() throws {
        let site = try Site()
        try site.prepend("\n\n{{> nav}}\n", to: "layout")
        try site.prepend("{{> layout}}\n", to: "nav")
        try site.expectRefused(
            "Theme/templates/layout.mustache:3:1: error: template include cycle layout → nav → layout; remove one of the includes",
            checked: true)
    }

    @Test func missingPartial() throws {
        let site = try Site()
        try site.prepend("<aside>\n    {{> sidebar}}</aside>\n", to: "article")
        try site.expectRefused(
            "Theme/templates/article.mustache:2:5: error: no template named 'sidebar' to include; add Theme/templates/sidebar.mustache or correct the name",
            checked: true)
    }

    /// Includes whose target depends on the values rendered cannot be checked, so they are refused.
    @Test func dynamicAndParentIncludesAreRefused() throws {
        let site = try Site()
        try site.prepend("{{>*which}}\n{{<layout}}{{/layout}}\n", to: "article")
        try site.expectRefused(
            "Theme/templates/article.mustache:1:1: error: dynamic partial names ({{>*which}}) are not supported in a theme; name the template, e.g. {{> nav}}")
        let result = try site.build()
        #expect(result.stderr.contains(
            "Theme/templates/article.mustache:2:1: error: parent templates ({{< layout}}) are not supported in a theme; include the template with {{> layout}} instead"))
    }

    /// Thousands of nested sections overflowed the parser's stack; the parser stops at the 101st.
    @Test func deeplyNestedSectionsAreRefused() throws {
        let site = try Site()
        try site.prepend("<main>\n" + String(repeating: "{{#a}}", count: 10_000) + String(repeating: "{{/a}}", count: 10_000) + "\n", to: "article")
        try site.expectRefused(
            "Theme/templates/article.mustache:2:601: error: sections nested more than 100 deep; close some of them, or move the inner ones into a template of their own and include it")
    }

    /// Templates that each include the next twice multiply: the check refuses them where the count crosses the limit.
    @Test func includesThatMultiplyAreRefused() throws {
        let site = try Site()
        try write("", to: site.theme.appendingPathComponent("templates/c14.mustache"))
        for level in 1...13 {
            try write("<p>\n  {{> c\(level + 1)}}{{> c\(level + 1)}}</p>\n", to: site.theme.appendingPathComponent("templates/c\(level).mustache"))
        }
        try site.prepend("{{> c1}}\n", to: "article")
        // c2 leads to 8,190 includes, c1 to 16,382.
        try site.expectRefused(
            "Theme/templates/c1.mustache:2:3: error: this template's includes, with the includes inside them, render over 10000 templates; include fewer, or fewer times")
    }

    /// Any `*.mustache` file in `templates/` can be included by name, not only the templates the pages use.
    @Test func extraTemplateIsIncluded() throws {
        let site = try Site()
        try site.prepend("<aside>{{> sidebar}}</aside>\n", to: "article")
        try write("Sidebar of {{title}}", to: site.theme.appendingPathComponent("templates/sidebar.mustache"))
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: site.output.appendingPathComponent("articles/ok.html"), encoding: .utf8)
        #expect(page.contains("<aside>Sidebar of Fine</aside>"))
    }

    @Test func assetLinkedToEtcPasswd() throws {
        let site = try Site()
        try site.link("assets/passwd.css", to: "/etc/passwd")
        try site.expectRefused(
            "Theme/assets/passwd.css:1:1: error: this is a symlink outside the theme folder; copy the file into the theme folder instead (it leads to '/etc/passwd')")
    }

    @Test func templateLinkedOutsideTheTheme() throws {
        let site = try Site()
        let outside = site.root.appendingPathComponent("outside.mustache")
        try FileManager.default.copyItem(at: site.theme.appendingPathComponent("templates/article.mustache"), to: outside)
        try site.link("templates/article.mustache", to: "../../outside.mustache")
        try site.expectRefused(
            "Theme/templates/article.mustache:1:1: error: this is a symlink outside the theme folder; copy the file into the theme folder instead (it leads to '\(site.realRoot)/outside.mustache')")
    }

    /// The theme's `assets/` folder itself is held to the rule, not only the files in it.
    @Test func assetsFolderLinkedOutsideTheTheme() throws {
        let site = try Site()
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: site.theme.appendingPathComponent("assets"))
        try site.link("assets", to: "../elsewhere")
        try site.expectRefused(
            "Theme/assets:1:1: error: this is a symlink outside the theme folder; copy the file into the theme folder instead (it leads to '\(site.realRoot)/elsewhere')")
    }

    @Test func danglingLinkAndPipeAreRefused() throws {
        let site = try Site()
        try site.link("assets/gone.css", to: "nothing-here.css")
        #expect(mkfifo(site.theme.appendingPathComponent("assets/pipe.css").path, 0o644) == 0)
        try site.expectRefused(
            "Theme/assets/gone.css:1:1: error: this symbolic link leads nowhere (its target is missing, or it leads back to itself); fix or remove it")
        let result = try site.build()
        #expect(result.stderr.contains(
            "Theme/assets/pipe.css:1:1: error: this is not a regular file (a pipe, device or folder); replace it with a plain file"))
    }

    /// A link to another file inside the theme is allowed, as in Content/: it counts as that file,
    /// and an asset is published as a copy of it, never as a link.
    @Test func linkInsideTheThemeIsAllowed() throws {
        let site = try Site()
        try site.link("assets/alias.css", to: "site.css")
        try write("Shared note.", to: site.theme.appendingPathComponent("shared/note.mustache"))
        try site.link("templates/note.mustache", to: "../shared/note.mustache")
        try site.prepend("{{> note}}\n", to: "article")
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let alias = site.output.appendingPathComponent("assets/alias.css")
        let attributes = try FileManager.default.attributesOfItem(atPath: alias.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(try Data(contentsOf: alias) == Data(contentsOf: site.theme.appendingPathComponent("assets/site.css")))
        let page = try String(contentsOf: site.output.appendingPathComponent("articles/ok.html"), encoding: .utf8)
        #expect(page.contains("Shared note."))
    }
}
