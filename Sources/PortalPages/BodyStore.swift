import Foundation
import PortalRender

/// The rendered bodies of one build: those rendered now, and those read from the cache when a page first asks.
package final class BodyStore: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [String: RenderedBody]
    /// The cache's copy of the body of a document not rendered in this build, when it can be read.
    private let cached: @Sendable (String) -> RenderedBody?
    /// Renders a body again when its cached copy cannot be read.
    private let render: @Sendable (String) -> RenderedBody

    /// Whether a body read or rendered again is kept for the next page that asks; not when bodies were spilled
    /// (``BodySpill``), which would gather every body in memory again.
    private let keepsRead: Bool

    package init(
        rendered: [String: RenderedBody], keepsRead: Bool = true, cached: @escaping @Sendable (String) -> RenderedBody?,
        render: @escaping @Sendable (String) -> RenderedBody
    ) {
        bodies = rendered
        self.keepsRead = keepsRead
        self.cached = cached
        self.render = render
    }

    package func body(_ path: String) -> RenderedBody {
        if let body = lock.withLock({ bodies[path] }) { return body }
        let body = cached(path) ?? render(path)
        if keepsRead { lock.withLock { bodies[path] = body } }
        return body
    }
}
