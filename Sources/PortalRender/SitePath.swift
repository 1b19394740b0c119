import PortalContent

/// Output paths and the relative links between them.
///
/// Every link in the site is relative and ends in an explicit `.html` file, so
/// the site works from `file://`, from a copied folder and from any web server.
package enum SitePath {
    /// The offline bundle, a ZIP of the whole site (PortalBundle writes it; pages link it).
    package static let offlineBundle = "consultation-portal-offline.zip"

    /// The prefix that leads from `page` back to the site root: `""`, `"../"`, `"../../"`.
    package static func root(from page: String) -> String {
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

    /// A link from `page` to `target`, both paths relative to the site root; `target` is percent-encoded.
    package static func link(from page: String, to target: String) -> String {
        root(from: page) + encoded(target)
    }

    /// `path` as a URL path: every byte outside the unreserved and sub-delimiter characters, `@` and the
    /// `/` between segments is percent-encoded, so a file named `a b.md` is linked as `a%20b.html`.
    ///
    /// `:` is encoded too, since `a:b.html` would read as a URL with the scheme `a:`; so are `%`, `?`
    /// and `#`, which are part of a file name here. A path with none of these, as every ordinary name
    /// is, comes back unchanged.
    package static func encoded(_ path: String) -> String {
        if path.utf8.allSatisfy(isKept) { return path }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count * 3)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in path.utf8 {
            if isKept(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a byte stands as itself in an encoded path (RFC 3986 `pchar` without `:` and `%`, plus `/`).
    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "-._~!$&'()*+,;=@/".utf8.contains(byte)
        }
    }

    package static let home = "index.html"
    package static func listing(_ kind: DocumentKind) -> String { "\(kind.listingSlug)/index.html" }
}
