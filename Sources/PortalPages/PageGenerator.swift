import Foundation
import PortalContent

/// One family of output files: document pages, code pages, the search index, and so on.
///
/// ``SiteBuilder`` runs every generator in ``PageGenerators/all`` over one
/// shared ``SiteModel``. A generator returns its files or throws located
/// diagnostics; it never writes to disk itself.
package protocol PageGenerator: Sendable {
    func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile]
    /// The name under which an incremental build reuses all of this generator's files at once (``PageMemo``),
    /// or nil for a generator that makes finer units itself with ``SiteModel/memoized(_:_:)``.
    var memoUnit: String? { get }
}

extension PageGenerator {
    package var memoUnit: String? { "generator:\(Self.self)" }
}
