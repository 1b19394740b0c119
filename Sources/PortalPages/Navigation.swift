import PortalContent
import StaffingModel

/// Site-wide pages shown in the main menu after the kind listings.
package enum Navigation {
    /// A menu entry for a page family, shown only when the site has that family's pages.
    package struct Entry: Sendable {
        package var label: String
        package var path: String
        package var isShown: @Sendable (SiteModel) -> Bool
    }

    /// Menu entries beyond the kind listings, in menu order; a page family adds its entry here.
    package static let extra: [Entry] = [
        Entry(label: "Staffing figures", path: StaffingPages.overviewPath, isShown: StaffingPages.hasPages),
        // A site that neither describes nor mentions an occupation code has no code index to link to.
        Entry(label: "Occupation codes", path: OccupationCodeIndex.indexPath, isShown: { !$0.codes.codes.isEmpty }),
        Entry(label: "Glossary", path: GlossaryPage.path, isShown: GlossaryPage.hasPage),
    ]
}
