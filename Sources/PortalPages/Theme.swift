import Foundation
import Mustache
import PortalContent
import PortalMarkdown
import PortalRender
import PortalSearch
import PortalWork
import StaffingModel

/// The templates and static assets in a theme folder, parsed once per build.
///
/// `templates/` holds Mustache files that non-programmers can edit; `assets/`
/// is copied to the output's `assets/` as it is.
public struct Theme: Sendable {
    /// Templates every build needs; a theme missing one fails with its name.
    package static let requiredTemplates = ["layout", "home", "listing", "letter", "position", "qa", "presentation", "article", "search", "staffing", "calculator",
                                    "letter-text", "review-window", "slides", "packet", "not-found",
                                    "codes", "code", "redline", "nav"]

    package let library: MustacheLibrary
    /// Asset files, relative to `assets/`, sorted.
    package let assets: [String]
    package let assetsDirectory: URL

    public static func load(from directory: URL, displayRoot: String = "Theme") throws(Diagnostics) -> Theme {
        let templates = directory.appendingPathComponent("templates")
        let assetsDirectory = directory.appendingPathComponent("assets")
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for name in requiredTemplates {
            let file = templates.appendingPathComponent("\(name).mustache")
            let display = "\(displayRoot)/templates/\(name).mustache"
            guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(path: display, line: 1, message: "template missing or not UTF-8; the theme needs \(requiredTemplates.joined(separator: ", "))"))
                continue
            }
            do {
                _ = HTML.TemplateContentType.registered
                // On line 1 of what is parsed, so the author's line numbers stay as they are.
                try library.register(HTML.TemplateContentType.pragma + text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let onFirstLine = error.context.lineNumber == 1
                let prefix = HTML.TemplateContentType.pragma.count
                diagnostics.append(Diagnostic(
                    path: display, line: error.context.lineNumber,
                    column: onFirstLine ? max(1, error.context.columnNumber - prefix) : error.context.columnNumber,
                    message: "template error: \(error.error); check that every {{#section}} has a matching {{/section}}",
                    sourceLine: onFirstLine ? String(error.context.line.dropFirst(prefix)) : error.context.line))
            } catch {
                diagnostics.append(Diagnostic(path: display, line: 1, message: "template error: \(error)"))
            }
        }
        if !diagnostics.isEmpty { throw Diagnostics(diagnostics) }
        let assets = (FileManager.default.subpaths(atPath: assetsDirectory.path) ?? [])
            .filter { path in
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(
                    atPath: assetsDirectory.appendingPathComponent(path).path, isDirectory: &isDirectory)
                return exists && !isDirectory.boolValue && !path.split(separator: "/").contains { $0.hasPrefix(".") }
            }
            .sorted()
        return Theme(library: library, assets: assets, assetsDirectory: assetsDirectory)
    }

    package func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
