import Foundation
import PortalContent
import PortalRedline
import PortalRender

/// Every occupation code the site knows: the catalog, where each code is mentioned, and the computed redlines.
package struct OccupationCodeIndex: Sendable {
    /// A mention with the id of its place on the mentioning page, when the place could carry one.
    package struct Reference: Sendable {
        package var mention: CodeMention
        package var anchor: String?
    }

    package let catalog: OccupationCatalog
    /// References by code, each list in document path and line order.
    package let references: [String: [Reference]]
    /// The codes with a current and a proposed version, and so a redline.
    package let revisedCodes: Set<String>
    /// Redlines are worked out on first use: an incremental build that reuses the redline pages never needs them.
    private let redlinePairs: [String: (old: String, new: String)]
    /// The sections of a position description (``PositionRedline/sections(of:)``), by content path;
    /// asked only when a redline is needed.
    private let positionSections: @Sendable (String) -> [PositionRedline.Section]?
    private let computedRedlines = RedlineStore()
    /// Every code on file or mentioned, sorted.
    package let codes: [String]
    /// Unknown codes and titles or grades that disagree with the catalog.
    package let warnings: [Diagnostic]

    /// - Parameters:
    ///   - anchors: by document path, the ids of the places that mention a code, by body line.
    ///   - positionSections: the sections of a position description's body, by content path.
    package init(
        catalog: OccupationCatalog, mentions: [CodeMention], anchors: [String: [Int: String]],
        positionSections: @escaping @Sendable (String) -> [PositionRedline.Section]?, warnings: [Diagnostic]
    ) {
        self.catalog = catalog
        var references: [String: [Reference]] = [:]
        for mention in mentions.sorted(by: { ($0.documentPath, $0.placeLine, $0.code) < ($1.documentPath, $1.placeLine, $1.code) }) {
            let anchor = anchors[mention.documentPath]?[mention.placeLine]
            references[mention.code, default: []].append(Reference(mention: mention, anchor: anchor))
        }
        self.references = references
        let pairs = catalog.codes.compactMap { code -> (code: String, old: String, new: String)? in
            guard let entry = catalog[code], let current = entry.current, let proposed = entry.proposed else { return nil }
            return (code, current.path, proposed.path)
        }
        redlinePairs = Dictionary(uniqueKeysWithValues: pairs.map { ($0.code, ($0.old, $0.new)) })
        self.positionSections = positionSections
        revisedCodes = Set(pairs.map(\.code))
        codes = Set(catalog.codes).union(references.keys).sorted()
        self.warnings = warnings.sorted()
    }

    /// The redline of `code`'s current and proposed versions, or nil when it lacks either.
    /// Pages should ask ``SiteModel/redline(for:)``, which records the dependency.
    package func redline(for code: String) -> PositionRedline? {
        guard let pair = redlinePairs[code] else { return nil }
        return computedRedlines.value(for: code) {
            PositionRedline(old: positionSections(pair.old) ?? [], new: positionSections(pair.new) ?? [])
        }
    }

    /// The path of a code's page, relative to the site root.
    package static func pagePath(_ code: String) -> String { OccupationCodeLinks.pagePath(code) }

    /// The path of a code's redline page, relative to the site root.
    package static func redlinePath(_ code: String) -> String { "codes/\(code)-redline.html" }

    package static let indexPath = "codes/index.html"
}

/// Redlines computed so far, shared by the threads that render pages.
private final class RedlineStore: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: PositionRedline] = [:]

    package func value(for code: String, compute: () -> PositionRedline) -> PositionRedline {
        if let known = lock.withLock({ values[code] }) { return known }
        let computed = compute()
        lock.withLock { values[code] = computed }
        return computed
    }
}
