import Foundation
import Mustache
import PortalContent
import PortalRender

/// The templates and static assets in a theme folder, parsed once per build.
///
/// `templates/` holds Mustache files that non-programmers can edit; `assets/`
/// is copied to the output's `assets/` as it is.
public struct Theme: Sendable {
    /// Templates every build needs; a theme missing one fails with its name.
    package static let requiredTemplates = ["layout", "home", "listing", "letter", "position", "qa", "presentation", "article", "search", "staffing", "calculator",
                                    "letter-text", "review-window", "slides", "packet", "not-found",
                                    "response", "decision", "consultation-timeline", "cited-by",
                                    "codes", "code", "redline", "nav"]

    package let library: MustacheLibrary
    /// Asset files, relative to `assets/`, sorted.
    package let assets: [String]
    package let assetsDirectory: URL
    /// The file each asset that is a symbolic link leads to, inside the theme: copied in its place,
    /// since a copied link would lead out of the output.
    package let linkedAssets: [String: String]

    /// Loads and checks every template and lists the assets; throws every problem found, located.
    ///
    /// Every `*.mustache` file in `templates/` is a template that others can include
    /// by its name. Nothing outside the theme folder is read or listed (see ``ThemeFolder``).
    public static func load(from directory: URL, displayRoot: String = "Theme") throws(Diagnostics) -> Theme {
        let folder = ThemeFolder(directory: directory, displayRoot: displayRoot)
        var diagnostics: [Diagnostic] = []
        // The templates first: their include check runs only when nothing before it failed.
        let library = loadTemplates(from: folder, diagnostics: &diagnostics)
        let (assets, linkedAssets) = listAssets(in: folder, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw Diagnostics(diagnostics) }
        return Theme(
            library: library, assets: assets, assetsDirectory: directory.appendingPathComponent("assets"),
            linkedAssets: linkedAssets)
    }

    /// Where the asset at `asset` (relative to `assets/`) is read from when the output is written.
    package func assetSource(_ asset: String) -> URL {
        linkedAssets[asset].map(URL.init(fileURLWithPath:)) ?? assetsDirectory.appendingPathComponent(asset)
    }

    /// Reads and parses every template, then checks the includes between them once all parse.
    private static func loadTemplates(from folder: ThemeFolder, diagnostics: inout [Diagnostic]) -> MustacheLibrary {
        let display = "\(folder.displayRoot)/templates"
        var found: [ThemeFolder.Entry] = []
        // Every file listed, loaded or refused, by the path diagnostics give it: a refused template is not missing.
        var listed = Set<String>()
        switch folder.subfolder("templates") {
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        case .success(nil): break
        case .success(let path?):
            for file in folder.files(in: path, display: display, recursive: false) {
                switch file {
                case .success(let entry):
                    listed.insert("\(display)/\(entry.relative)")
                    if entry.relative.hasSuffix(".mustache") { found.append(entry) }
                case .failure(let diagnostic):
                    listed.insert(diagnostic.path)
                    diagnostics.append(diagnostic)
                }
            }
        }
        var library = MustacheLibrary()
        var parsed: [String: TemplateIncludes.Template] = [:]
        for entry in found {
            let name = String(entry.relative.dropLast(".mustache".count))
            let file = "\(display)/\(entry.relative)"
            switch folder.readText(entry.path, display: file).flatMap({ text in register(text, named: name, display: file, in: &library) }) {
            case .success(let template): parsed[name] = template
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        for name in requiredTemplates where !listed.contains("\(display)/\(name).mustache") {
            diagnostics.append(Diagnostic(path: "\(display)/\(name).mustache", line: 1, message: "template missing; the theme needs \(requiredTemplates.joined(separator: ", "))"))
        }
        // A template that failed to load would show as a missing include in every template that includes it.
        if diagnostics.isEmpty {
            diagnostics += TemplateIncludes(templates: parsed, folderDisplay: display).problems()
        }
        return library
    }

    /// Parses `text` into `library` as `name`; its partial tags, or the parse error, located in `display`.
    private static func register(
        _ text: String, named name: String, display: String, in library: inout MustacheLibrary
    ) -> Result<TemplateIncludes.Template, Diagnostic> {
        _ = HTML.TemplateContentType.registered
        let pragma = HTML.TemplateContentType.pragma
        do {
            // On line 1 of what is parsed, so the author's line numbers stay as they are.
            let template = try MustacheTemplate(string: pragma + text)
            library.register(template, named: name)
            return .success(.init(display: display, text: text, tags: template.partialTags, textStart: pragma.utf8.count))
        } catch let error as MustacheTemplate.ParserError {
            let onFirstLine = error.context.lineNumber == 1
            return .failure(Diagnostic(
                path: display, line: error.context.lineNumber,
                column: onFirstLine ? max(1, error.context.columnNumber - pragma.count) : error.context.columnNumber,
                message: explanation(of: error.error),
                sourceLine: onFirstLine ? String(error.context.line.dropFirst(pragma.count)) : error.context.line))
        } catch {
            return .failure(Diagnostic(path: display, line: 1, message: "template error: \(error)"))
        }
    }

    /// What a parse error means, and how to fix it.
    private static func explanation(of error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionsNestedTooDeeply?:
            "sections nested more than \(MustacheTemplate.maximumNesting) deep; close some of them, or move the inner ones into a template of their own and include it"
        case .tooManyTransforms?:
            "more than \(MustacheTemplate.maximumTransforms) transforms applied to one name; apply fewer"
        default:
            "template error: \(error); check that every {{#section}} has a matching {{/section}}"
        }
    }

    /// Every file below `assets/`, sorted, and the real file of each that is a link inside the theme.
    private static func listAssets(in folder: ThemeFolder, diagnostics: inout [Diagnostic]) -> ([String], [String: String]) {
        var assets: [String] = []
        var linked: [String: String] = [:]
        switch folder.subfolder("assets") {
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        case .success(nil): break
        case .success(let path?):
            for file in folder.files(in: path, display: "\(folder.displayRoot)/assets", recursive: true) {
                switch file {
                case .success(let entry):
                    assets.append(entry.relative)
                    if entry.path != path + "/" + entry.relative { linked[entry.relative] = entry.path }
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
        }
        return (assets, linked)
    }

    package func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
