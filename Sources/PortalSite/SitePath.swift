/// Output paths and the relative links between them.
///
/// Every link in the site is relative and ends in an explicit `.html` file, so
/// the site works from `file://`, from a copied folder and from any web server.
enum SitePath {
    /// The prefix that leads from `page` back to the site root: `""`, `"../"`, `"../../"`.
    static func root(from page: String) -> String {
        // Called for every link on every page: an ASCII path's non-empty components are counted by bytes.
        var path = page
        let components = path.withUTF8 { bytes -> Int? in
            var count = 0
            var previous = UInt8(ascii: "/")
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                if byte != UInt8(ascii: "/") && previous == UInt8(ascii: "/") { count += 1 }
                previous = byte
            }
            return count
        } ?? page.split(separator: "/").count
        return String(repeating: "../", count: components - 1)
    }

    /// A link from `page` to `target`, both relative to the site root.
    static func link(from page: String, to target: String) -> String {
        root(from: page) + target
    }

    static let home = "index.html"
    static func listing(_ kind: DocumentKind) -> String { "\(kind.listingSlug)/index.html" }
}

import PortalContent
