import Mustache
import PortalContent
import PortalMarkdown
import PortalRedline
import PortalRender
import PortalSearch
import PortalWork
import StaffingModel

/// Reuses whole units of pages from the previous build; the build cache provides it (``PortalCache``).
///
/// Generators see only this: a unit is either rendered or reused. What a unit
/// read is recorded by ``DependencyRecorder`` while it renders, and everything
/// else a page may show goes into ``SiteModel/siteKey``.
package protocol PageReuse: AnyObject, Sendable {
    /// The files of unit `name`: the previous build's when nothing they depend on changed, else `render()`'s.
    func files<E: Error>(unit name: String, extraKey: UInt64, _ render: () throws(E) -> [OutputFile]) throws(E) -> [OutputFile]
}

/// Takes each finished unit of pages as soon as it is rendered, and hands the pages back without their text.
package protocol PageTaker: AnyObject, Sendable {
    func take(_ files: [OutputFile]) -> [OutputFile]
}

/// What the build cache keeps of one document's rendered body: its source hash, its facts and where the body is.
package struct CachedBody: Sendable {
    package var sourceHash: UInt64
    package var facts: DocumentFacts
    /// Where the body's record starts in the cache's pack, and its length, header included; 0 when not stored.
    package var bodyOffset: UInt64 = 0
    package var bodyLength: UInt64 = 0

    package init(sourceHash: UInt64, facts: DocumentFacts, bodyOffset: UInt64 = 0, bodyLength: UInt64 = 0) {
        self.sourceHash = sourceHash
        self.facts = facts
        self.bodyOffset = bodyOffset
        self.bodyLength = bodyLength
    }
}

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

/// A file that rendered bodies go to as they are made, read back when a page needs one.
package protocol BodySpilling: AnyObject, Sendable {
    /// The record that stores `body`; made on any thread.
    func record(_ body: RenderedBody, path: String, sourceHash: UInt64) -> [UInt8]
    /// Appends one record, in document order.
    func append(_ record: [UInt8], path: String, sourceHash: UInt64)
    /// The body written for `path`; nil when it was not written or cannot be read.
    func body(_ path: String) -> RenderedBody?
}
