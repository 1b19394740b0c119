import Foundation
import PortalContent
import PortalMarkdown
import PortalRedline
import PortalRender
import PortalWork

/// Parses every document's body once, or takes it from the build cache, for ``SiteModel``.
///
/// Bodies render on every core; results are folded in document order, so the
/// model never depends on timing. When every body is rendered (nothing could be
/// reused), each goes to a spill file as it is made instead of staying in memory.
struct BodyPass: Sendable {
    /// One body parsed and rendered; `markdown` is kept for positions, whose redlines compare parsed bodies.
    typealias Rendered = (body: RenderedBody, facts: DocumentFacts, markdown: MarkdownDocument)

    let codeLinks: OccupationCodeLinks
    let abbreviations: GlossaryAbbreviations
    let links: InternalLinks
    let renderer: BodyRenderer

    init(site: ContentSite, staffing: StaffingBlocks, links: InternalLinks) {
        self.links = links
        codeLinks = OccupationCodeLinks(catalog: OccupationCatalog(site: site))
        abbreviations = GlossaryAbbreviations(glossary: Glossary.load(from: site).glossary)
        renderer = BodyRenderer { info, literal, page throws(BodyRenderer.FencedBlockError) in
            try staffing.render(info: info, literal: literal, page: page)
        }
    }

    /// Parses and renders one body, noting the code mentions, links and warnings it holds.
    func render(_ document: ContentDocument) -> Result<Rendered, Diagnostics> {
        let mentionLog = OccupationCodeLinks.MentionLog()
        let linkLog = InternalLinks.Log()
        let parser = MarkdownParser(
            linker: abbreviations.linker(wrapping: codeLinks.linker(for: document, log: mentionLog)), linkRewriter: links.rewriter(for: document, log: linkLog))
        let markdown = parser.parse(document.body)
        let recorded = codeLinks.record(markdown, of: document, log: mentionLog)
        return Result { () throws(Diagnostics) in
            let body = try renderer.render(markdown, of: document, anchoring: recorded.anchoring)
            let facts = DocumentFacts(
                mentions: recorded.mentions, warnings: recorded.warnings + MarkdownWarnings.diagnostics(for: markdown, of: document),
                links: linkLog.all, generatedBlocks: body.generatedBlocks, anchors: body.anchors)
            return (body, facts, markdown)
        }
    }

    /// What a position's redline needs of its body, kept instead of the parsed tree, which is several times larger.
    func sections(_ document: ContentDocument, _ markdown: MarkdownDocument) -> [PositionRedline.Section]? {
        document.position == nil ? nil : PositionRedline.sections(of: markdown)
    }

    /// What became of one document's body.
    enum Outcome {
        case cached(DocumentFacts)
        /// `body` is nil when the body went to the spill file.
        case rendered(Result<(body: RenderedBody?, facts: DocumentFacts, sections: [PositionRedline.Section]?), Diagnostics>)
    }

    /// Every document's outcome, in document order: cached when the cache holds its unchanged source, else rendered.
    ///
    /// With a spill, bodies render a batch at a time, each encoded on the core that rendered it and written
    /// in document order, so that only one batch of bodies is in memory at once.
    func outcomes(
        of documents: [ContentDocument], previous: [String: CachedBody], spill: (any BodySpilling)?, jobs: Int
    ) -> [Outcome] {
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(documents.count)
        let batchSize = spill == nil ? max(documents.count, 1) : 256
        for start in stride(from: 0, to: documents.count, by: batchSize) {
            let batch = Array(documents[start..<min(start + batchSize, documents.count)])
            let results = ParallelWork(jobs: jobs).map(batch) { document in outcome(of: document, previous: previous, spill: spill) }
            for (document, (outcome, record)) in zip(batch, results) {
                if let record { spill?.append(record, path: document.path, sourceHash: document.sourceHash) }
                outcomes.append(outcome)
            }
        }
        return outcomes
    }

    /// One document's outcome, and the spill record of its body when it goes to the spill file.
    private func outcome(of document: ContentDocument, previous: [String: CachedBody], spill: (any BodySpilling)?)
        -> (Outcome, [UInt8]?)
    {
        if let entry = previous[document.path], entry.sourceHash == document.sourceHash, document.sourceHash != 0 {
            return (.cached(entry.facts), nil)
        }
        guard let spill else {
            return (.rendered(render(document).map { ($0.body, $0.facts, sections(document, $0.markdown)) }), nil)
        }
        switch render(document) {
        case .success(let result):
            let record = spill.record(result.body, path: document.path, sourceHash: document.sourceHash)
            return (.rendered(.success((nil, result.facts, sections(document, result.markdown)))), record)
        case .failure(let error):
            return (.rendered(.failure(error)), nil)
        }
    }

    /// The outcomes gathered by kind, in document order; throws every rendering error at once.
    struct Folded {
        var facts: [String: DocumentFacts] = [:]
        var rendered: [String: RenderedBody] = [:]
        var renderedBodies: [(path: String, sourceHash: UInt64, body: RenderedBody)] = []
        var positionSections: [String: [PositionRedline.Section]] = [:]
        var cachedBodies: Set<String> = []
    }

    static func fold(_ outcomes: [Outcome], of documents: [ContentDocument]) throws(Diagnostics) -> Folded {
        var diagnostics: [Diagnostic] = []
        var folded = Folded()
        for (document, outcome) in zip(documents, outcomes) {
            switch outcome {
            case .cached(let found):
                folded.facts[document.path] = found
                folded.cachedBodies.insert(document.path)
            case .rendered(.success(let result)):
                folded.facts[document.path] = result.facts
                if let body = result.body {
                    folded.rendered[document.path] = body
                    folded.renderedBodies.append((document.path, document.sourceHash, body))
                }
                if let found = result.sections { folded.positionSections[document.path] = found }
            case .rendered(.failure(let error)):
                diagnostics += error.items
            }
        }
        if !diagnostics.isEmpty { throw Diagnostics(diagnostics) }
        return folded
    }
}
