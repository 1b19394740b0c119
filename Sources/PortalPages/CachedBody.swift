import PortalRender

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
