import PortalContent
import PortalRedline
import PortalRender
import PortalSearch
import PortalWork

/// The occupation-code pages: the index (sorted, and grouped by grade), one page per code, and one redline per revised position.
///
/// Nothing is written for a site that neither describes nor mentions a code.
package struct OccupationCodePages: PageGenerator {
    package init() {}

    /// Each page is its own unit.
    package var memoUnit: String? { nil }

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        let codes = model.codes
        guard !codes.codes.isEmpty else { return [] }
        let enclosing = Self.enclosingLetters(model)
        let indexPage = model.memoized(OccupationCodeIndex.indexPath) { index(model, enclosing: enclosing) }
        // Redlines are worked out here, when a page needs one, so codes go to every core.
        let perCode = ParallelWork(jobs: model.jobs).map(codes.codes) { code -> [OutputFile] in
            var pages = [model.memoized(OccupationCodeIndex.pagePath(code)) { page(for: code, model, enclosing: enclosing[code] ?? []) }]
            if codes.revisedCodes.contains(code), let entry = codes.catalog[code] {
                pages.append(model.memoized(OccupationCodeIndex.redlinePath(code)) {
                    redlinePage(model.redline(for: code)!, entry, model)
                })
            }
            return pages
        }
        return [indexPage] + perCode.joined()
    }

    /// A letter that encloses a version of a code's position description, and the versions it encloses.
    struct Enclosing {
        var letter: ContentDocument
        var positions: [ContentDocument]
    }

    /// By occupation code, the letters that enclose one of its position descriptions, newest first.
    ///
    /// Front matter alone decides this (a letter's `enclosures`), so it holds whether or not the letter's text names the code.
    static func enclosingLetters(_ model: SiteModel) -> [String: [Enclosing]] {
        var byCode: [String: [Enclosing]] = [:]
        for letter in model.site.documents where letter.kind == .letter {
            var positions: [String: [ContentDocument]] = [:]
            for enclosure in letter.letter?.enclosures ?? [] {
                guard let document = model.site.document(for: enclosure), let position = document.position else { continue }
                positions[position.occupationCode, default: []].append(document)
            }
            for (code, documents) in positions { byCode[code, default: []].append(Enclosing(letter: letter, positions: documents)) }
        }
        return byCode.mapValues { $0.sorted { ($0.letter.date, $1.letter.path) > ($1.letter.date, $0.letter.path) } }
    }

    package static func statusLabel(_ entry: OccupationCatalog.Entry?) -> String {
        switch entry?.status {
        case .new: "New"
        case .revised: "Revised"
        case .unchanged: "Unchanged"
        case nil: "No description on file"
        }
    }

    package static func versionLabel(_ version: PositionVersion) -> String {
        version == .current ? "Current" : "Proposed"
    }

    /// Grades in pay-schedule order, then by number: EAS-17, EAS-19, …, P7-06.
    package static func gradeOrder(_ a: String, _ b: String) -> Bool {
        func parts(_ grade: String) -> (String, Int) {
            let pieces = grade.split(separator: "-", maxSplits: 1)
            return (String(pieces.first ?? ""), pieces.count > 1 ? Int(pieces[1]) ?? 0 : 0)
        }
        return parts(a) < parts(b)
    }

    // MARK: Index

    /// The places that mention `code` in their text, plus the letters that enclose its description.
    private static func referenceCount(_ code: String, _ model: SiteModel, enclosing: [String: [Enclosing]]) -> Int {
        (model.codes.references[code]?.count ?? 0) + (enclosing[code]?.count ?? 0)
    }

    private func row(_ code: String, _ model: SiteModel, from path: String, enclosing: [String: [Enclosing]]) -> [String: Any] {
        let entry = model.codes.catalog[code]
        var row: [String: Any] = [
            "code": code, "href": SitePath.link(from: path, to: OccupationCodeIndex.pagePath(code)),
            "status": entry?.status.rawValue ?? "missing", "statusLabel": Self.statusLabel(entry),
            "versions": entry?.versions.count ?? 0, "references": Self.referenceCount(code, model, enclosing: enclosing),
            "onFile": entry != nil,
        ]
        row["title"] = entry?.title
        row["grade"] = entry?.grade
        return row
    }

    func index(_ model: SiteModel, enclosing: [String: [Enclosing]]) -> OutputFile {
        let path = OccupationCodeIndex.indexPath
        let codes = model.codes
        let rows = codes.codes.map { row($0, model, from: path, enclosing: enclosing) }
        let grades = Set(codes.codes.compactMap { codes.catalog[$0]?.grade }).sorted(by: Self.gradeOrder)
        var groups: [[String: Any]] = grades.map { grade in
            ["grade": grade, "id": "grade-\(Slugger.slug(grade))",
             "codes": codes.codes.filter { codes.catalog[$0]?.grade == grade }.map { row($0, model, from: path, enclosing: enclosing) }]
        }
        let missing = codes.codes.filter { codes.catalog[$0] == nil }
        if !missing.isEmpty {
            groups.append(["grade": "No description on file", "id": "grade-none", "codes": missing.map { row($0, model, from: path, enclosing: enclosing) }])
        }
        let content = model.theme.render("codes", [
            "codes": rows, "count": rows.count, "grades": groups, "missingCount": missing.count, "hasMissing": !missing.isEmpty,
        ])
        return model.wrap(
            content, path: path, title: "Occupation codes",
            description: "Every occupation code in the consultations, with title, grade, status, versions and references.",
            bodyClass: "codes")
    }

    // MARK: Search

    /// Each code page as search sees it: the code, its title, grade and status, its versions and the letters that
    /// enclose it. The documents that mention the code are results of their own, so their titles are left out.
    static func searchDocuments(_ model: SiteModel) -> [SearchDocument] {
        let enclosing = enclosingLetters(model)
        return model.codes.codes.map { code in
            let entry = model.codes.catalog[code]
            var text = ["Occupation code \(code)."]
            if let entry {
                text.append("\(entry.title), \(entry.grade). \(statusLabel(entry)).")
                if let unit = entry.bargainingUnit { text.append("Bargaining unit: \(unit).") }
                text += entry.versions.map { "\(versionLabel($0.version)) version: \($0.title), \($0.grade)." }
            } else {
                text.append(statusLabel(nil) + ".")
            }
            text += (enclosing[code] ?? []).map { "Enclosed with: \($0.letter.title)." }
            return SearchDocument(
                title: entry.map { "\(code) · \($0.title)" } ?? code, kind: SearchPages.sitePageKind, date: "", dateText: "",
                url: OccupationCodeIndex.pagePath(code), occupationCode: code, grade: entry?.grade,
                text: text.joined(separator: " "), parts: [])
        }
    }

    // MARK: Code page

    func page(for code: String, _ model: SiteModel, enclosing: [Enclosing]) -> OutputFile {
        let path = OccupationCodeIndex.pagePath(code)
        let entry = model.codes.catalog[code]
        var context: [String: Any] = ["code": code, "statusLabel": Self.statusLabel(entry), "onFile": entry != nil]
        if let entry {
            context["title"] = entry.title
            context["grade"] = entry.grade
            context["bargainingUnit"] = entry.bargainingUnit
            context["versions"] = entry.versions.map { version -> [String: Any] in
                var item: [String: Any] = [
                    "label": Self.versionLabel(version.version), "title": version.title, "grade": version.grade,
                    "date": version.date, "dateText": DateText.long(version.date),
                    "href": SitePath.link(from: path, to: outputPath(version.path)),
                ]
                if let letter = version.consultation.flatMap(model.site.document(at:)) {
                    item["consultation"] = ["href": SitePath.link(from: path, to: letter.outputPath), "title": letter.title]
                }
                return item
            }
            if model.codes.revisedCodes.contains(code) {
                context["redlineHref"] = SitePath.link(from: path, to: OccupationCodeIndex.redlinePath(code))
            }
        }
        let references = model.codes.references[code] ?? []
        context["referenceCount"] = references.count + enclosing.count
        context["documents"] = referencingDocuments(references, enclosing: enclosing, model, from: path)
        let heading = entry.map { "\(code) · \($0.title)" } ?? code
        return model.wrap(
            model.theme.render("code", context), path: path, title: heading,
            description: entry.map { "Occupation code \(code): \($0.title), \($0.grade); versions, redline and every document that mentions it." }
                ?? "Occupation code \(code): no description on file; the documents that mention it.",
            bodyClass: "code", breadcrumbs: [["href": SitePath.link(from: path, to: OccupationCodeIndex.indexPath), "label": "Occupation codes"]])
    }

    private func outputPath(_ contentPath: String) -> String {
        String(contentPath.dropLast(3)) + ".html"
    }

    /// The mentioning documents and the enclosing letters, newest first, each with the places that mention the code
    /// and, for a letter that encloses its description, an "Enclosed with" entry for each version enclosed.
    private func referencingDocuments(
        _ references: [OccupationCodeIndex.Reference], enclosing: [Enclosing], _ model: SiteModel, from path: String
    ) -> [[String: Any]] {
        let byDocument = Dictionary(grouping: references, by: \.mention.documentPath)
        let enclosedBy = Dictionary(enclosing.map { ($0.letter.path, $0.positions) }, uniquingKeysWith: +)
        let paths = Set(byDocument.keys).union(enclosedBy.keys)
        let documents = paths.compactMap(model.site.document(at:)).sorted { ($0.date, $1.path) > ($1.date, $0.path) }
        return documents.map { document in
            let page = SitePath.link(from: path, to: document.outputPath)
            let places: [[String: Any]] = (byDocument[document.path] ?? []).map { reference in
                let href = reference.anchor.map { "\(page)#\($0)" } ?? page
                return ["href": href, "contextHTML": highlighted(reference.mention.context, code: reference.mention.code),
                        "line": reference.mention.fileLine]
            }
            let enclosures: [[String: Any]] = (enclosedBy[document.path] ?? []).map { position in
                ["href": SitePath.link(from: path, to: position.outputPath),
                 "label": "\(position.position.map { Self.versionLabel($0.version) } ?? "") version: \(position.title)"]
            }
            return ["href": page, "title": document.title, "kindLabel": document.kind.label,
                    "dateText": DateText.long(document.date), "places": places, "enclosures": enclosures]
        }
    }

    /// The context, escaped, with each occurrence of the code in `<mark>`.
    private func highlighted(_ context: String, code: String) -> String {
        context.components(separatedBy: code).map(HTML.escape).joined(separator: "<mark>\(code)</mark>")
    }

    // MARK: Redline

    package func redlinePage(_ redline: PositionRedline, _ entry: OccupationCatalog.Entry, _ model: SiteModel) -> OutputFile {
        redlinePage(content: redlineContent(redline, entry, model), entry, model)
    }

    /// The redline page around its article, `content` (``redlineContent(_:_:_:)``).
    package func redlinePage(content: String, _ entry: OccupationCatalog.Entry, _ model: SiteModel) -> OutputFile {
        let path = OccupationCodeIndex.redlinePath(entry.code)
        return model.wrap(
            content, path: path, title: "Redline: \(entry.title) (\(entry.grade)), \(entry.code)",
            description: "The changes from the current to the proposed position description for \(entry.title), \(entry.code), computed word by word.",
            bodyClass: "redline",
            breadcrumbs: [["href": SitePath.link(from: path, to: OccupationCodeIndex.indexPath), "label": "Occupation codes"],
                          ["href": SitePath.link(from: path, to: OccupationCodeIndex.pagePath(entry.code)), "label": entry.code]])
    }

    /// The redline page's article, its links written from the redline's path; a proposal's EPUB takes it as a chapter.
    package func redlineContent(_ redline: PositionRedline, _ entry: OccupationCatalog.Entry, _ model: SiteModel) -> String {
        let path = OccupationCodeIndex.redlinePath(entry.code)
        let current = entry.current!, proposed = entry.proposed!
        let oldLabel = "Current version, \(DateText.long(current.date))"
        let newLabel = "Proposed version, \(DateText.long(proposed.date))"
        let counts = RedlineHTML.counts(redline)
        return model.theme.render("redline", [
            "code": entry.code, "title": entry.title, "grade": entry.grade,
            "codeHref": SitePath.link(from: path, to: OccupationCodeIndex.pagePath(entry.code)),
            "currentHref": SitePath.link(from: path, to: outputPath(current.path)),
            "proposedHref": SitePath.link(from: path, to: outputPath(proposed.path)),
            "currentLabel": oldLabel, "proposedLabel": newLabel, "hasChanges": redline.hasChanges,
            "counts": counts.map { ["label": $0.label, "count": $0.count] },
            "inlineHTML": RedlineHTML.inline(redline),
            "sideBySideHTML": RedlineHTML.sideBySide(redline, oldLabel: oldLabel, newLabel: newLabel),
        ])
    }
}
