import Foundation
import PortalDocumentPages
import PortalPacketPages
import PortalPages

/// The page generators a build runs, in the order their pages are written.
package enum PageGenerators {
    /// Every generator, in output order. Add a new page family here.
    package static let all: [any PageGenerator] = [
        DocumentPages(),
        SlidePages(), PacketPages(), SiteFeeds(), DeadlineCalendar(),
        SearchPages(),
        StaffingPages(),
        OccupationCodePages(),
        GlossaryPage(),
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
