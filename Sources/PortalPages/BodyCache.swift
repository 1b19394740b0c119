import PortalRender

/// Rendered bodies and search terms kept between builds; the build cache provides it (``PortalCache``).
///
/// Everything is filed under a context key that ``SiteModel`` works out from
/// ``globalKey`` and the content, so a body is reused only where it would render the same.
package protocol BodyCache: Sendable {
    /// What every page depends on besides the content: the binary, the theme and the options.
    var globalKey: UInt64 { get }
    /// The bodies the last build kept under `contextKey`, by document path.
    func load(contextKey: UInt64) -> [String: CachedBody]
    /// One kept body, read when a page first needs it; nil when it cannot be read.
    func body(path: String, entry: CachedBody, contextKey: UInt64) -> RenderedBody?
    /// Somewhere to write every body of a build that renders them all, instead of memory.
    func makeSpill(contextKey: UInt64) -> (any BodySpilling)?
    func loadSearchTerms(contextKey: UInt64) -> SearchTermStore.Contents?
    func saveSearchTerms(_ changes: SearchTermStore.Changes, contextKey: UInt64) throws
}
