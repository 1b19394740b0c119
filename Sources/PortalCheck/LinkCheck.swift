import PortalBytes
import PortalContent
import PortalPages
import PortalRender

/// Checks every link an author wrote against the pages the build made, once every page exists.
package enum LinkCheck {
    /// Throws the ``problems(_:in:assets:)`` when any is an error; returns the warnings otherwise.
    package static func check(_ links: InternalLinks, pages: [OutputFile], assets: [String]) throws(Diagnostics) -> [Diagnostic] {
        let found = problems(links, in: pages, assets: assets)
        if found.contains(where: { $0.severity == .error }) { throw Diagnostics(found) }
        return found
    }

    /// A located error for each link or anchor that leads nowhere in `pages` or the theme's assets,
    /// and a warning for each link with no destination.
    package static func problems(_ links: InternalLinks, in pages: [OutputFile], assets: [String]) -> [Diagnostic] {
        let recorded = links.recorded
        // Each page's position by its path, the last of a path as before: one table for both questions
        // a link asks (is its page written, which anchors it has), sized once for all the pages.
        var pagesByPath: [String: Int] = [:]
        pagesByPath.reserveCapacity(pages.count)
        for (index, page) in pages.enumerated() { pagesByPath[page.path] = index }
        let assetPaths = Set(assets.map { "assets/\($0)" })
        var anchorsByPage: [String: Set<String>] = [:]
        var diagnostics: [Diagnostic] = []
        for link in recorded {
            func report(_ message: String) {
                guard let document = links.documentsByPath[link.documentPath] else { return }
                let lines = LineBreaks.lines(document.body)
                diagnostics.append(Diagnostic(
                    link.severity, path: document.displayPath, line: link.line + document.bodyLineOffset, column: link.column,
                    message: "link '\(link.written)' \(message)",
                    sourceLine: link.line <= lines.count ? String(lines[link.line - 1]) : nil))
            }
            if let problem = link.problem {
                report(problem)
                continue
            }
            guard let page = link.page else { continue }
            guard pagesByPath[page] != nil || assetPaths.contains(page) else {
                report("leads to '\(page)', which the build does not write; link a document by its .md path relative to this file")
                continue
            }
            guard !link.fragment.isEmpty, let index = pagesByPath[page] else { continue }
            let target = pages[index]
            // A page reused from the previous build is read only when a link needs its anchors;
            // a page the build has streamed out brings the anchors its ``PageSink`` kept.
            if anchorsByPage[page] == nil { anchorsByPage[page] = target.written?.anchors ?? InternalLinks.anchors(in: target.text() ?? "") }
            let anchors = anchorsByPage[page]!
            if !anchors.contains(link.fragment) {
                let known = anchors.sorted().prefix(8).joined(separator: ", ")
                report("points to '#\(link.fragment)', which is not an anchor on \(page)\(known.isEmpty ? "" : "; anchors there: \(known)")")
            }
        }
        return diagnostics.sorted()
    }
}
