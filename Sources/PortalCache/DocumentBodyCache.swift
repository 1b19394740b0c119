import PortalPages
import PortalRender

/// The build cache's side of ``BodyCache``: bodies and search terms in a ``DocumentCache`` folder.
package struct DocumentBodyCache: BodyCache {
    package let documents: DocumentCache
    package let globalKey: UInt64

    package init(documents: DocumentCache, globalKey: UInt64) {
        self.documents = documents
        self.globalKey = globalKey
    }

    package func load(contextKey: UInt64) -> [String: CachedBody] {
        documents.load(contextKey: contextKey)
    }

    package func body(path: String, entry: CachedBody, contextKey: UInt64) -> RenderedBody? {
        documents.body(path: path, entry: entry, contextKey: contextKey)
    }

    /// The new pack, written as bodies are made and put in place of the old one when the cache is saved.
    package func makeSpill(contextKey: UInt64) -> (any BodySpilling)? {
        BodySpill(directory: documents.directory, contextKey: contextKey)
    }

    package func loadSearchTerms(contextKey: UInt64) -> SearchTermStore.Contents? {
        documents.loadSearchTerms(contextKey: contextKey)
    }

    package func saveSearchTerms(_ changes: SearchTermStore.Changes, contextKey: UInt64) throws {
        try documents.saveSearchTerms(changes, contextKey: contextKey)
    }
}
