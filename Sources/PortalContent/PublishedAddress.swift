import Foundation

/// The address a site is published at (`base_url`, `--base-url`), checked and put in one form.
///
/// It must be an absolute `https://` or `http://` URL with a host and no query, fragment or
/// user name, since it is pasted in front of page paths in the sitemap, the feed and 404.html.
/// The normal form has no trailing slash: `https://example.org/portal`.
package enum PublishedAddress {
    /// An example for messages.
    package static let example = "https://example.org/portal/"

    /// The address in normal form, or what is wrong with it.
    package static func normalized(_ text: String) -> Result<String, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // URLComponents accepts spaces and other characters a URL may not hold; a UTF-8 byte check refuses
        // anything but the URL's printable ASCII, so that nothing needs escaping where the address is pasted.
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !Self.refused.contains($0) }),
            let parts = URLComponents(string: trimmed)
        else { return .failure(.notAURL) }
        guard let scheme = parts.scheme?.lowercased(), scheme == "https" || scheme == "http" else { return .failure(.scheme) }
        guard let host = parts.host, !host.isEmpty, trimmed.lowercased().hasPrefix(scheme + "://") else { return .failure(.noHost) }
        guard parts.user == nil, parts.password == nil else { return .failure(.userInfo) }
        guard parts.query == nil, parts.fragment == nil else { return .failure(.queryOrFragment) }
        var normal = trimmed
        while normal.hasSuffix("/") { normal.removeLast() }
        return .success(normal)
    }

    /// Bytes a URL never holds unescaped (RFC 3986 §2): quotes, angle brackets, backslash, braces, `|`, `^`, backtick.
    private static let refused: Set<UInt8> = Set("\"<>\\{}|^`".utf8)

    /// Why an address was refused, worded for a message that ends "…; e.g. https://example.org/portal/".
    package enum Problem: Error, Equatable {
        case notAURL, scheme, noHost, userInfo, queryOrFragment

        package var reason: String {
            switch self {
            case .notAURL: "is not a URL (printable ASCII only: no spaces or quotes; percent-encode, or punycode the host)"
            case .scheme: "must start with https:// or http://"
            case .noHost: "has no host name after https://"
            case .userInfo: "must not hold a user name or password"
            case .queryOrFragment: "must not have a ?query or #fragment, since page paths are added after it"
            }
        }
    }
}
