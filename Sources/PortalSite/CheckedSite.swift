import PortalContent
import PortalPages

/// The outcome of a successful check: the content, the theme and every page.
public struct CheckedSite: Sendable {
    public var site: ContentSite
    public var theme: Theme
    /// Every output file but the theme's assets, in output order; only their paths, unless the check kept pages
    /// (``SiteBuilder/check(keepingPages:)``).
    public var pages: [OutputFile]
    public var warnings: [Diagnostic]
    /// The model the pages came from, for the build cache.
    var model: SiteModel?
}
