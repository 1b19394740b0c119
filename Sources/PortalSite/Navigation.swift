/// Site-wide pages shown in the main menu after the kind listings.
enum Navigation {
    /// Menu entries beyond the kind listings, in menu order; a page family adds its entry here.
    static let extra: [(label: String, path: String)] = [
        ("Staffing figures", StaffingPages.overviewPath),
        ("Occupation codes", OccupationCodeIndex.indexPath),
    ]
}
