import PortalContent
import PortalPages

/// Refuses a build where two output files would land on the same path.
///
/// Documents are checked against each other while loading; this catches a
/// document whose page is also a page the site generates (`Content/index.md`
/// against the home page) or a theme asset. Paths are compared ignoring case,
/// because a site copied to a case-insensitive disk would lose one of them.
package enum OutputPathCheck {
    package static func check(pages: [OutputFile], assets: [String], site: ContentSite) throws(Diagnostics) {
        var seen = Set<String>(minimumCapacity: pages.count + assets.count)
        var clashing = Set<String>()
        func note(_ path: String) {
            // Nearly every path is lowercase ASCII already, and `lowercased()` would copy every one.
            let folded = path.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } ? path : path.lowercased()
            if !seen.insert(folded).inserted { clashing.insert(folded) }
        }
        for index in pages.indices { note(pages[index].path) }
        for asset in assets { note("assets/\(asset)") }
        guard !clashing.isEmpty else { return }
        let clashes = clashing.sorted()
        var diagnostics: [Diagnostic] = []
        for clash in clashes {
            let documents = site.documents.filter { $0.outputPath.lowercased() == clash }
            if documents.isEmpty {
                diagnostics.append(Diagnostic(
                    path: "Theme", line: 1,
                    message: "two generated files are both written to '\(clash)'; rename the theme asset, or report this as a bug in the portal"))
            }
            for document in documents {
                diagnostics.append(Diagnostic(
                    path: document.displayPath, line: 1,
                    message: "output path '\(document.outputPath)' is also a page the site generates itself; rename or move this file"))
            }
        }
        throw Diagnostics(diagnostics)
    }
}
