import PortalContent
import PortalSearch

/// The search page, `search.html`, and the sharded index scripts it loads on demand.
///
/// Each document is one result and so is each of its parts: a Q&A pair, a
/// slide, a position section, a letter passage. The index is built here, in
/// Swift; `Theme/assets/search.js` only adds up stored impacts. A query that
/// is an occupation code puts that code's page (``OccupationCodePages``) first.
struct SearchPages: PageGenerator {
    static let path = "search.html"

    func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        let documents = Self.searchDocuments(model)
        let index = SearchIndex(documents: documents)
        let codePages = Set(model.codes.codes)
        let files = SearchIndexFiles(mentionedCodes: model.codes.codes) { codePages.contains($0) ? OccupationCodeIndex.pagePath($0) : nil }
            .files(for: index)
        let kinds = Array(Set(documents.map(\.kind))).sorted()
        let grades = Array(Set(documents.compactMap(\.grade))).sorted(by: SearchIndexFiles.gradeOrder)
        let content = model.theme.render("search", [
            "root": SitePath.root(from: Self.path), "kinds": kinds, "grades": grades, "hasGrades": !grades.isEmpty,
        ])
        let page = model.wrap(
            content, path: Self.path, title: "Search",
            description: "Search every letter, position description, presentation and Q&A on the \(model.site.config.title).",
            bodyClass: "search")
        return [page] + files.map { OutputFile(path: $0.path, contents: $0.contents) }
    }

    /// Every document in path order, the order that numbers them in the index.
    static func searchDocuments(_ model: SiteModel) -> [SearchDocument] {
        model.site.documents.sorted { $0.path < $1.path }.map { document in
            let body = model.body(of: document)
            let passages = body.passages.map { SearchPart(anchor: $0.id, heading: $0.label, text: $0.text) }
            let sections = body.sections.map { SearchPart(anchor: $0.id, heading: $0.title, text: $0.text) }
            // A letter's intro is all passages; searching it again as the document would count every word twice.
            let intro = body.passages.isEmpty ? body.introText : ""
            return SearchDocument(
                title: document.title, kind: document.kind.label, date: document.date,
                dateText: DateText.long(document.date), url: document.outputPath,
                occupationCode: document.position?.occupationCode, grade: document.position?.grade,
                text: [document.summary ?? "", intro].filter { !$0.isEmpty }.joined(separator: " "),
                parts: passages + sections)
        }
    }
}
