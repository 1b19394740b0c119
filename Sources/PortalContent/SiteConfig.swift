import StaffingModel
import Yams

/// Site-wide settings from `Content/site.yaml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var description: String
    /// Absolute URL the site is published at, without a trailing slash (``PublishedAddress``), used only where
    /// a format needs one (sitemap, feed, 404.html). Empty means unknown; other pages never use it, since every
    /// link between pages is relative. `portal build --base-url` overrides it.
    public var baseURL: String
    /// What the feed's permanent ids are made from (`id_authority`, `id_date`); nil when site.yaml sets neither.
    public var feedIdentity: FeedIdentity?

    public static let `default` = SiteConfig(
        title: "Consultation Portal",
        description: "Consultations between the U.S. Postal Service and the National Association of Postal Supervisors.",
        baseURL: "")

    public init(title: String, description: String, baseURL: String, feedIdentity: FeedIdentity? = nil) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.feedIdentity = feedIdentity
    }

    /// The fields site.yaml may hold.
    static let fieldNames: Set<String> = ["title", "description", "base_url", "id_authority", "id_date"]

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
            return .failure(Diagnostics([Diagnostic(path: displayPath, line: 1, message: "site.yaml must hold 'title:', 'description:', 'base_url:', 'id_authority:' and 'id_date:' lines")]))
        }
        var fields = FrontMatterFields(mapping: mapping, path: displayPath, lineOffset: 0, sourceLines: lines)
        fields.rejectUnknownFields(allowed: fieldNames, kind: "site")
        var config = SiteConfig.default
        if let title = fields.string("title", required: false) { config.title = title }
        if let description = fields.string("description", required: false) { config.description = description }
        config.baseURL = baseURL(&fields)
        config.feedIdentity = feedIdentity(&fields)
        if !fields.diagnostics.isEmpty { return .failure(Diagnostics(fields.diagnostics)) }
        return .success(config)
    }

    /// `base_url`: empty, or an absolute http(s) address (``PublishedAddress``).
    private static func baseURL(_ fields: inout FrontMatterFields) -> String {
        guard let node = fields.node("base_url") else { return "" }
        guard case .scalar(let scalar) = node else {
            fields.report("field 'base_url' must be text, e.g. base_url: \(PublishedAddress.example)", at: node)
            return ""
        }
        let text = FrontMatterFields.trimmingWhitespace(scalar.string)
        if text.isEmpty || scalar.style == .plain && text == "~" { return "" }
        switch PublishedAddress.normalized(text) {
        case .success(let url): return url
        case .failure(let problem):
            fields.report(
                "field 'base_url' is '\(text)' but \(problem.reason); give the address the site is published at, "
                    + "e.g. base_url: \(PublishedAddress.example), or leave it empty", at: node)
            return ""
        }
    }

    /// `id_authority` and `id_date`, which come together (``FeedIdentity``).
    private static func feedIdentity(_ fields: inout FrontMatterFields) -> FeedIdentity? {
        let authorityNode = fields.node("id_authority"), dateNode = fields.node("id_date")
        if authorityNode == nil && dateNode == nil { return nil }
        let authority = fields.string(
            "id_authority", required: true, matching: FeedIdentity.isAuthority,
            rule: "a domain name or email address the publisher holds (RFC 4151)", example: "example.org")
        let date = fields.string(
            "id_date", required: true, matching: FeedIdentity.isDate,
            rule: "a day (or month, or year) from 2000 on when the publisher held id_authority, as YYYY-MM-DD",
            example: "2026-12-07")
        guard let authority, let date else { return nil }
        return FeedIdentity(authority: authority.lowercased(), date: date)
    }
}
