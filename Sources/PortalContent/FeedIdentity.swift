import Foundation

/// The tagging entity (RFC 4151) that makes the feed's ids: `tag:AUTHORITY,DATE:letters/x.html`.
///
/// Atom ids must never change (RFC 4287 §4.2.6), so they are made from an authority (a domain
/// name or an email address the publisher held on DATE) and that date, both set once in
/// `site.yaml`, and from the page's path; never from the address the site is published at.
public struct FeedIdentity: Sendable, Equatable {
    public var authority: String
    public var date: String

    public init(authority: String, date: String) {
        self.authority = authority
        self.date = date
    }

    /// The id of the resource at `path`, a percent-encoded site path.
    package func id(_ path: String) -> String {
        "tag:\(authority),\(date):\(path)"
    }

    /// Whether `text` is a DNS name or an email address, as RFC 4151's `authorityName`.
    package static func isAuthority(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count <= 2, let domain = parts.last, domain.contains(".") else { return false }
        if parts.count == 2 {
            let local = parts[0]
            guard !local.isEmpty, local.utf8.allSatisfy({ isAlphanumeric($0) || "._%+-".utf8.contains($0) }) else { return false }
        }
        return domain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
                && label.first != "-" && label.last != "-"
        }
    }

    /// Whether `text` is RFC 4151's `date`: YYYY, YYYY-MM or YYYY-MM-DD, a real day from 2000 on.
    package static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count),
            zip(parts, widths).allSatisfy({ $0.count == $1 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let year = Int(parts[0]), year >= 2000
        else { return false }
        if parts.count == 1 { return true }
        guard let month = Int(parts[1]), (1...12).contains(month) else { return false }
        if parts.count == 2 { return true }
        guard let day = Int(parts[2]), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
