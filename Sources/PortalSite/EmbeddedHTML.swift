/// Rewrites a page's rendered HTML so it can sit inside another page, as the proposal packet needs.
///
/// The input is HTML this program generated (content text is already
/// escaped), so tags and attributes can be found by pattern: headings move
/// down a level under the host page's own headings, ids and the references to
/// them get a prefix so several documents can share one page, and relative
/// links are rebased from the document's page to the host page.
enum EmbeddedHTML {
    static func embed(_ html: String, idPrefix: String, from source: String, to page: String, demote: Int) -> String {
        var out = html.replacing(/<(\/?)h([1-6])(?=[\s>])/) { match in
            let level = min(Int(match.output.2)! + demote, 6)
            return "<\(match.output.1)h\(level)"
        }
        out = out.replacing(/\s(id|for|aria-labelledby|aria-describedby|headers)="([^"]*)"/) { match in
            let ids = match.output.2.split(separator: " ").map { idPrefix + $0 }.joined(separator: " ")
            return " \(match.output.1)=\"\(ids)\""
        }
        out = out.replacing(/\s(href|src)="([^"]*)"/) { match in
            " \(match.output.1)=\"\(rebase(String(match.output.2), idPrefix: idPrefix, from: source, to: page))\""
        }
        return out
    }

    /// A link written on `source` as it must be written on `page`; external and absolute links stay.
    static func rebase(_ target: String, idPrefix: String, from source: String, to page: String) -> String {
        if target.hasPrefix("#") { return "#" + idPrefix + target.dropFirst() }
        if target.isEmpty || target.hasPrefix("/") { return target }
        if let colon = target.firstIndex(of: ":"), !target[..<colon].contains("/") { return target }
        let end = target.firstIndex { $0 == "#" || $0 == "?" } ?? target.endIndex
        var parts = source.split(separator: "/").dropLast().map(String.init)
        for component in target[..<end].split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "..": if !parts.isEmpty { parts.removeLast() }
            case ".", "": continue
            default: parts.append(String(component))
            }
        }
        return SitePath.link(from: page, to: parts.joined(separator: "/")) + target[end...]
    }
}
