import Foundation
import Mustache
import PortalContent
import PortalMarkdown
import PortalRedline
import PortalRender
import PortalSearch
import PortalWork
import StaffingModel

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

package enum PageGenerators {
    /// Every generator, in output order. Add a new page family here.
    package static let all: [any PageGenerator] = [
        DocumentPages(),
        SlidePages(), PacketPages(), SiteFeeds(),
        SearchPages(),
        StaffingPages(),
        OccupationCodePages(),
    ]

    /// Positions in ``all`` in the order generators start: the longest single pieces of work first
    /// (the search index, then the code pages with their redlines), so that neither is left running
    /// alone on one core at the end.
    package static let startOrder: [Int] = {
        func rank(_ generator: any PageGenerator) -> Int {
            switch generator {
            case is SearchPages: 0
            case is OccupationCodePages: 1
            default: 2
            }
        }
        return all.indices.sorted { (rank(all[$0]), $0) < (rank(all[$1]), $1) }
    }()
}

