/// Output paths and the relative links between them.
///
/// Every link in the site is relative and ends in an explicit `.html` file, so
/// the site works from `file://`, from a copied folder and from any web server.
enum SitePath {
    /// The prefix that leads from `page` back to the site root: `""`, `"../"`, `"../../"`.
    static func root(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }

    /// A link from `page` to `target`, both relative to the site root.
    static func link(from page: String, to target: String) -> String {
        root(from: page) + target
    }

    static let home = "index.html"
    static func listing(_ kind: DocumentKind) -> String { "\(kind.listingSlug)/index.html" }
}

import PortalContent
