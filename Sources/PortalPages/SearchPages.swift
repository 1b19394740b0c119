import PortalContent
import PortalRender
import PortalSearch
import PortalWork

/// The search page, `search.html`, and the sharded index scripts it loads on demand.
///
/// Each document is one result and so is each of its parts: a Q&A pair, a
/// slide, a position section, a letter passage. The index is built here, in
/// Swift; `Theme/assets/search.js` only adds up stored impacts. A query that
/// is an occupation code puts that code's page (``OccupationCodePages``) first.
///
/// For incremental builds the work is split: each document's own script
/// (`search/d/N.js`) is a unit that depends on that document alone, and the
/// index (manifest, term and code shards, the search page) is one unit that
/// depends on every document. The index is built from each document's
/// tokenized terms (``SiteModel/searchTerms(of:)``), which the build cache
/// keeps, so rebuilding it after one edit reads no other body.
package struct SearchPages: PageGenerator {
    package init() {}

    package static let path = "search.html"

    /// Each document file is its own unit, and so is the index.
    package var memoUnit: String? { nil }

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        let documents = Self.documentsInIndexOrder(model)
        // The index is one long unit, which ran alone on one core at the end of a rebuild while the document
        // files waited for it: the two now run side by side, the files on whatever core the index leaves free.
        let parts = ParallelWork(jobs: min(2, model.jobs)).map([true, false]) { isIndex -> [OutputFile] in
            isIndex ? Self.index(of: documents, model) : Self.documentFiles(of: documents, model)
        }
        return parts[0] + parts[1]
    }

    /// The index unit: the manifest, the term and code shards, and the search page.
    private static func index(of documents: [ContentDocument], _ model: SiteModel) -> [OutputFile] {
        model.memoized("search-index") { () -> [OutputFile] in
            // The index reads every document's terms; they stand for its body, which it never reads itself.
            DependencyRecorder.note(documents.map(\.path))
            // Terms are worked out on every core, a batch at a time, and each batch is folded into the
            // builder and dropped: every document's terms at once would grow memory with the whole corpus.
            // The dependency on each document is noted above.
            let store = model.searchTermStore
            var builder = store.makeBuilder()
            var fields: [SearchDocument] = []
            fields.reserveCapacity(documents.count)
            for start in stride(from: 0, to: documents.count, by: 512) {
                let batch = Array(documents[start..<min(start + 512, documents.count)])
                let terms = ParallelWork(jobs: model.jobs).map(batch) { model.searchTerms(of: $0) }
                for (document, terms) in zip(batch, terms) {
                    store.add(terms, of: document, to: &builder)
                    // The index needs each document's result fields and its number of parts, not their texts:
                    // those go to the document files below.
                    var result = Self.resultFields(document)
                    result.parts = Array(repeating: SearchPart(anchor: "", heading: "", text: ""), count: terms.unitCount - 1)
                    fields.append(result)
                }
            }
            store.finish(builder)
            // Pages made from data rather than documents come last; they depend on the data files, which the
            // site key covers, and never go to the term cache.
            let sitePages = Self.sitePages(model)
            for page in sitePages {
                _ = builder.add(SearchDocumentTerms(page))
                fields.append(page)
            }
            // Alone on a core at the end of a rebuild's pages stage: both cores work out its impacts and lists.
            let index = SearchIndex(documents: fields, builder: consume builder, jobs: model.jobs)
            let codePages = Set(model.codes.codes)
            var indexFiles = SearchIndexFiles(mentionedCodes: model.codes.codes) { codePages.contains($0) ? OccupationCodeIndex.pagePath($0) : nil }
            indexFiles.abbreviations = model.glossary.entries.map { ($0.term, $0.expansions) }
            let files = indexFiles.files(for: index, includingDocuments: false, jobs: model.jobs)
            let kinds = Array(Set(index.documents.map(\.kind))).sorted()
            let grades = Array(Set(index.documents.compactMap(\.grade))).sorted(by: SearchIndexFiles.gradeOrder)
            let content = model.theme.render("search", [
                "root": SitePath.root(from: Self.path), "kinds": kinds, "grades": grades, "hasGrades": !grades.isEmpty,
            ])
            let page = model.wrap(
                content, path: Self.path, title: "Search",
                description: "Search every letter, position description, presentation and Q&A on the \(model.site.config.title).",
                bodyClass: "search")
            let pageFiles = sitePages.enumerated().map { offset, page in
                OutputFile(
                    path: SearchIndexFiles.documentPath(number: documents.count + offset),
                    contents: SearchIndexFiles.documentScript(number: documents.count + offset, document: page))
            }
            return [page] + files.map { OutputFile(path: $0.path, contents: $0.contents) } + pageFiles
        }
    }

    /// The kind search shows for pages that are not documents (the staffing figures, the glossary).
    package static let sitePageKind = "Site page"

    /// Pages other than documents that readers search: the staffing figures, the glossary and each occupation code's page.
    static func sitePages(_ model: SiteModel) -> [SearchDocument] {
        [StaffingPages.searchDocument(model), GlossaryPage.searchDocument(model)].compactMap { $0 }
            + OccupationCodePages.searchDocuments(model)
    }

    /// Each document's own script, `search/d/N.js`, a unit of its own.
    private static func documentFiles(of documents: [ContentDocument], _ model: SiteModel) -> [OutputFile] {
        ParallelWork(jobs: model.jobs).map(Array(documents.enumerated())) { number, document in
            model.memoized(SearchIndexFiles.documentPath(number: number)) {
                OutputFile(
                    path: SearchIndexFiles.documentPath(number: number),
                    contents: SearchIndexFiles.documentScript(number: number, document: Self.searchDocument(document, model)))
            }
        }
    }

    /// Every document in path order, the order that numbers them in the index.
    package static func documentsInIndexOrder(_ model: SiteModel) -> [ContentDocument] {
        model.site.documents.sorted { $0.path < $1.path }
    }

    /// Every document as the index sees it, in index order.
    package static func searchDocuments(_ model: SiteModel) -> [SearchDocument] {
        documentsInIndexOrder(model).map { searchDocument($0, model) }
    }

    /// One document with its searchable text: summary, intro, and its parts (passages or sections).
    package static func searchDocument(_ document: ContentDocument, _ model: SiteModel) -> SearchDocument {
        let body = model.body(of: document)
        let passages = body.passages.map { SearchPart(anchor: $0.id, heading: $0.label, text: $0.text) }
        let sections = body.sections.map { SearchPart(anchor: $0.id, heading: $0.title, text: $0.text) }
        // A letter's intro is all passages; searching it again as the document would count every word twice.
        let intro = body.passages.isEmpty ? body.introText : ""
        var result = resultFields(document)
        result.text = [document.summary ?? "", intro].filter { !$0.isEmpty }.joined(separator: " ")
        result.parts = passages + sections
        return result
    }

    /// What the index itself needs of a document besides its terms: the fields a result and a filter show.
    package static func resultFields(_ document: ContentDocument) -> SearchDocument {
        SearchDocument(
            title: document.title, kind: document.kind.label, date: document.date,
            dateText: DateText.long(document.date), url: SitePath.encoded(document.outputPath),
            occupationCode: document.position?.occupationCode, grade: document.position?.grade,
            text: "", parts: [])
    }
}
