import CCmarkGFM

/// Replaces links and images whose destinations could run script or smuggle content (`javascript:`, `data:`
/// and the like) with their text.
///
/// cmark-gfm's safe mode empties `javascript:`, `vbscript:`, `file:` and most
/// `data:` URLs when it renders, but it lets `data:image/png`, `gif`, `jpeg`
/// and `webp` through, and an emptied `href=""` is invalid. The portal
/// publishes no embedded data and its Content-Security-Policy would block it
/// anyway, so every `data:` URL goes too. The check runs on the tree, after
/// every rewriter and linker, so no destination reaches the renderer without
/// passing it.
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

    /// Replaces every unsafe link and image under `root` with its text, and says where each one was.
    ///
    /// An emptied `href=""` is invalid HTML and leads back to the same page,
    /// so the link goes and its text stays: the reader sees what the author
    /// wrote, and the author gets a warning from the notice.
    static func neutralize(in root: OpaquePointer) -> [MarkdownNotice] {
        var found: [(node: OpaquePointer, notice: MarkdownNotice)] = []
        let iterator = cmark_iter_new(root)!
        var block = (line: 1, column: 1)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
            if type.rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK), line > 0 {
                block = (line, max(column, 1))
            }
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            guard isUnsafe(url) else { continue }
            // Inline positions are not always set; the block's position is the next best.
            let place = line > 0 && column > 0 ? (line, column) : block
            found.append((node, MarkdownNotice(kind: .unsafeDestination(url), line: place.0, column: place.1)))
        }
        cmark_iter_free(iterator)
        // The tree changes only after the walk, which keeps the iterator valid. An outer node is unwrapped
        // before one inside it, and each node's children are moved out before it is freed.
        for (node, _) in found {
            while let child = cmark_node_first_child(node) {
                cmark_node_insert_before(node, child)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        return found.map(\.notice)
    }
}
