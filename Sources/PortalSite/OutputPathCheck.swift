import PortalContent

/// Refuses a build where two output files would land on the same path.
///
/// Documents are checked against each other while loading; this catches a
/// document whose page is also a page the site generates (`Content/index.md`
/// against the home page) or a theme asset. Paths are compared ignoring case,
/// because a site copied to a case-insensitive disk would lose one of them.
enum OutputPathCheck {
    static func check(pages: [OutputFile], assets: [String], site: ContentSite) throws(Diagnostics) {
        var counts: [String: Int] = [:]
        for path in pages.map(\.path) + assets.map({ "assets/\($0)" }) {
            counts[path.lowercased(), default: 0] += 1
        }
        let clashes = counts.filter { $0.value > 1 }.keys.sorted()
        guard !clashes.isEmpty else { return }
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
