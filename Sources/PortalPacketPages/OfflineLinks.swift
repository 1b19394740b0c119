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
        StartTags.rewrite(html, names: ["a", "link", "script", "form", "img"]) { tag in
            let attribute = tag.name == "form" ? "action" : tag.name == "script" || tag.name == "img" ? "src" : "href"
            guard let value = tag.value(of: attribute) else { return .keep }
            let target = resolved(value, from: page, resolve: resolve)
            if target == value { return .keep }
            var edited = tag
            edited.set(attribute, target)
            switch (tag.name, target) {
            case ("link", nil): return .remove
            case ("script", nil), ("form", nil): return .removeElement
            default: return .replace(edited)
            }
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
