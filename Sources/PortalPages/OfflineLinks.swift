import PortalRender

/// Rewrites the links of a page the portal rendered so that it works inside an offline copy (a proposal's ZIP or EPUB).
///
/// Every relative `href`, `src` and `action` is resolved against the page's
/// site path and handed to `resolve` as the target's site path (percent-encoded,
/// as written) and its fragment; what comes back replaces the value, and nil
/// removes it: a link to a page the copy does not hold becomes plain text, a
/// script it does not hold goes, and so does a form with nowhere to send.
/// External links, absolute paths and same-page fragments stay as they are.
package enum OfflineLinks {
    package typealias Resolver = (_ path: String, _ fragment: String?) -> String?

    package static func rewrite(_ html: String, from page: String, resolve: Resolver) -> String {
        let withoutForms = html.replacing(/<form\b[^>]*\baction="([^"]*)"[^>]*>[\s\S]*?<\/form>\n?/) { match in
            let form = String(match.output.0)
            guard let target = resolved(String(match.output.1), from: page, resolve: resolve) else { return "" }
            return form.replacingOccurrences(of: "action=\"\(match.output.1)\"", with: "action=\"\(target)\"")
        }
        let withoutLinks = withoutForms.replacing(/<link\b[^>]*\bhref="([^"]*)"[^>]*>\n?/) { match in
            resolved(String(match.output.1), from: page, resolve: resolve) == nil ? "" : String(match.output.0)
        }
        let withoutScripts = withoutLinks.replacing(/<script\b[^>]*\bsrc="([^"]*)"[^>]*><\/script>\n?/) { match in
            guard resolved(String(match.output.1), from: page, resolve: resolve) != nil else { return "" }
            return String(match.output.0)
        }
        return withoutScripts.replacing(/\ (href|src)="([^"]*)"/) { match in
            guard let target = resolved(String(match.output.2), from: page, resolve: resolve) else { return "" }
            return " \(match.output.1)=\"\(target)\""
        }
    }

    /// `value` as the copy writes it, or nil when the copy has no place for it.
    private static func resolved(_ value: String, from page: String, resolve: Resolver) -> String? {
        if value.isEmpty || value.hasPrefix("#") || value.hasPrefix("/") { return value }
        if let colon = value.firstIndex(of: ":"), !value[..<colon].contains("/") { return value }
        // From the site root: a page at the root has no prefix to climb.
        let rooted = EmbeddedHTML.rebase(value, idPrefix: "", from: page, to: "index.html")
        let hash = rooted.firstIndex(of: "#")
        let pathEnd = rooted.firstIndex { $0 == "#" || $0 == "?" } ?? rooted.endIndex
        let fragment = hash.map { String(rooted[rooted.index(after: $0)...]) }
        return resolve(String(rooted[..<pathEnd]), fragment)
    }
}
