import PortalContent
import PortalMarkdown

/// Every occupation code the site knows: the catalog, where each code is mentioned, and the computed redlines.
struct OccupationCodeIndex: Sendable {
    /// A mention with the id of its place on the mentioning page, when the place could carry one.
    struct Reference: Sendable {
        var mention: CodeMention
        var anchor: String?
    }

    let catalog: OccupationCatalog
    /// References by code, each list in document path and line order.
    let references: [String: [Reference]]
    /// Redlines by code, for every code with a current and a proposed version.
    let redlines: [String: PositionRedline]
    /// Every code on file or mentioned, sorted.
    let codes: [String]
    /// Unknown codes and titles or grades that disagree with the catalog.
    let warnings: [Diagnostic]

    init(
        catalog: OccupationCatalog, mentions: [CodeMention], positionTexts: [String: MarkdownDocument],
        bodies: [String: RenderedBody], warnings: [Diagnostic]
    ) {
        self.catalog = catalog
        var references: [String: [Reference]] = [:]
        for mention in mentions.sorted(by: { ($0.documentPath, $0.placeLine, $0.code) < ($1.documentPath, $1.placeLine, $1.code) }) {
            let anchor = bodies[mention.documentPath]?.anchors[mention.placeLine]
            references[mention.code, default: []].append(Reference(mention: mention, anchor: anchor))
        }
        self.references = references
        let pairs = catalog.codes.compactMap { code -> (code: String, old: MarkdownDocument, new: MarkdownDocument)? in
            guard let entry = catalog[code], let current = entry.current, let proposed = entry.proposed,
                let old = positionTexts[current.path], let new = positionTexts[proposed.path]
            else { return nil }
            return (code, old, new)
        }
        // Each redline is independent and results keep their order, so this runs on every core.
        let computed = ParallelWork().map(pairs) { PositionRedline(old: $0.old, new: $0.new) }
        redlines = Dictionary(uniqueKeysWithValues: zip(pairs.map(\.code), computed))
        codes = Set(catalog.codes).union(references.keys).sorted()
        self.warnings = warnings.sorted()
    }

    /// The path of a code's page, relative to the site root.
    static func pagePath(_ code: String) -> String { OccupationCodeLinks.pagePath(code) }

    /// The path of a code's redline page, relative to the site root.
    static func redlinePath(_ code: String) -> String { "codes/\(code)-redline.html" }

    static let indexPath = "codes/index.html"
}
