import StaffingModel
import Yams

/// Site-wide settings from `Content/site.yaml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var description: String
    /// Absolute URL the site is published at, used only where a format needs one (sitemap, feed).
    /// Empty means unknown; pages never use it, since every link is relative.
    public var baseURL: String

    public static let `default` = SiteConfig(
        title: "Consultation Portal",
        description: "Consultations between the U.S. Postal Service and the National Association of Postal Supervisors.",
        baseURL: "")

    public init(title: String, description: String, baseURL: String) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
    }

    /// Decodes the config file's text; `displayPath` is used in diagnostics.
    static func decode(_ text: String, displayPath: String) -> Result<SiteConfig, Diagnostics> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let problem = YAMLProblem(error)
            let line = problem.line ?? 1
            return .failure(Diagnostics([Diagnostic(
                path: displayPath, line: line, column: problem.column ?? 1, message: "invalid YAML: \(problem.text)",
                sourceLine: line <= lines.count ? String(lines[line - 1]) : nil)]))
        } catch {
            return .failure(Diagnostics([Diagnostic(path: displayPath, line: 1, message: "invalid YAML: the text cannot be read as YAML")]))
        }
        guard case .mapping(let mapping) = root else {
            return .failure(Diagnostics([Diagnostic(path: displayPath, line: 1, message: "site.yaml must hold 'title:', 'description:' and 'base_url:' lines")]))
        }
        var fields = FrontMatterFields(mapping: mapping, path: displayPath, lineOffset: 0, sourceLines: lines)
        fields.rejectUnknownFields(allowed: ["title", "description", "base_url"], kind: "site")
        var config = SiteConfig.default
        if let title = fields.string("title", required: false) { config.title = title }
        if let description = fields.string("description", required: false) { config.description = description }
        if let node = fields.node("base_url"), case .scalar(let scalar) = node {
            let url = FrontMatterFields.trimmingWhitespace(scalar.string)
            if !url.isEmpty && !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                fields.report("field 'base_url' must start with https:// (or be empty when the site has no fixed address)", at: node)
            }
            config.baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if !fields.diagnostics.isEmpty { return .failure(Diagnostics(fields.diagnostics)) }
        return .success(config)
    }
}
