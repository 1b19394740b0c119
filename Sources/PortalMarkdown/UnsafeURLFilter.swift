import CCmarkGFM

/// Empties link and image destinations that could run script or smuggle content: `javascript:`, `data:` and the like.
///
/// cmark-gfm's safe mode already empties `javascript:`, `vbscript:`, `file:`
/// and most `data:` URLs when it renders, but it lets `data:image/png`,
/// `gif`, `jpeg` and `webp` through. The portal publishes no embedded data and
/// its Content-Security-Policy would block it anyway, so every `data:` URL goes
/// too. The check runs on the tree, after every rewriter and linker, so no
/// destination reaches the renderer without passing it.
enum UnsafeURLFilter {
    static let unsafeSchemes = ["javascript:", "vbscript:", "file:", "data:"]

    /// True when a browser would read `url` as one of the unsafe schemes.
    ///
    /// Browsers drop leading spaces and control characters and every tab and
    /// newline before they read the scheme, and compare it ignoring case, so
    /// `" JaVa\tScript:"` counts.
    static func isUnsafe(_ url: String) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            if scheme.isEmpty && scalar.value <= 0x20 { continue }
            scheme.unicodeScalars.append(scalar)
            if scalar == ":" || scheme.unicodeScalars.count > 16 { break }
        }
        let lowered = scheme.lowercased()
        return unsafeSchemes.contains { lowered.hasPrefix($0) }
    }

    /// Empties the destination of every unsafe link and image under `root`.
    static func neutralize(in root: OpaquePointer) {
        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            // Setting a URL leaves the tree's shape, and so the iterator, intact.
            if isUnsafe(url) { cmark_node_set_url(node, "") }
        }
    }
}
