import PortalContent
import PortalPages
import PortalRender
import PortalWork

/// The pages every site has: the home page, one listing per kind, and one page per document.
package struct DocumentPages: PageGenerator {
    package init() {}

    /// Each page is its own unit.
    package var memoUnit: String? { nil }

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        var pages = model.memoized(SitePath.home, extraKey: model.offersOfflineBundle ? 1 : 0) { [home(model)] }
        for kind in DocumentKind.allCases where !model.documents(of: kind).isEmpty {
            pages.append(model.memoized(SitePath.listing(kind)) { listing(kind, model) })
        }
        // A consultation's letter page shows its downloads' sizes, so it is made in the packet's unit (PacketPages).
        let consultationLetters = Set(Consultation.letters(in: model).map(\.path))
        // The largest family by far, so its pages render on every core; the order stays the documents'.
        pages += ParallelWork(jobs: model.jobs).map(model.site.documents.filter { !consultationLetters.contains($0.path) }) { document in
            model.memoized(document.outputPath) { page(for: document, model) }
        }
        return pages
    }

    package func home(_ model: SiteModel) -> OutputFile {
        let path = SitePath.home
        let letters = model.documents(of: .letter).sorted { ($0.date, $0.path) > ($1.date, $1.path) }
        let consultations: [[String: Any]] = letters.map { letter in
            var entry = model.summary(of: letter, from: path)
            let enclosures = model.enclosureEntries(of: letter, from: path)
            entry["enclosures"] = enclosures
            entry["hasEnclosures"] = !enclosures.isEmpty
            entry["fromName"] = letter.letter?.from.name ?? ""
            entry["toName"] = letter.letter?.to.name ?? ""
            entry.merge(ReadingContext.timelineEntry(for: letter, from: path, model: model)) { $1 }
            return entry
        }
        let program = model.site.documents.filter { $0.kind == .qa || $0.kind == .article }.map { model.summary(of: $0, from: path) }
        let kinds: [[String: Any]] = DocumentKind.allCases.compactMap { kind in
            let count = model.documents(of: kind).count
            guard count > 0 else { return nil }
            return ["href": SitePath.link(from: path, to: SitePath.listing(kind)), "title": kind.pluralTitle, "count": count]
        }
        let content = model.theme.render("home", [
            "siteTitle": model.site.config.title, "siteDescription": model.site.config.description,
            "consultations": consultations, "program": program, "hasProgram": !program.isEmpty, "kinds": kinds,
        ].merging(ReadingContext.home(from: path, offersBundle: model.offersOfflineBundle)) { $1 })
        return model.wrap(content, path: path, title: model.site.config.title, description: model.site.config.description, bodyClass: "home", isHome: true)
    }

    package func listing(_ kind: DocumentKind, _ model: SiteModel) -> OutputFile {
        let path = SitePath.listing(kind)
        let sorted = model.documents(of: kind).sorted { a, b in
            if kind == .position {
                return (a.position!.occupationCode, a.position!.version) < (b.position!.occupationCode, b.position!.version)
            }
            return (a.date, a.path) > (b.date, b.path)
        }
        let content = model.theme.render("listing", [
            "title": kind.pluralTitle, "documents": sorted.map { model.summary(of: $0, from: path) },
        ])
        return model.wrap(
            content, path: path, title: kind.pluralTitle,
            description: "\(kind.pluralTitle) published on the \(model.site.config.title).",
            bodyClass: "listing", currentListing: kind)
    }

    /// - Parameter extra: fields the caller adds to the template's context (a dossier's download links).
    package func page(for document: ContentDocument, _ model: SiteModel, extra: [String: Any] = [:]) -> OutputFile {
        let path = document.outputPath
        let body = model.body(of: document)
        var context = model.summary(of: document, from: path)
        context["body"] = body.html
        context["intro"] = body.intro
        context["sourceNote"] = document.sourceDate.map { "Source \($0); added to the portal \(DateText.long(document.date))." }
        let sections: [[String: Any]] = body.sections.enumerated().map { index, section in
            ["id": section.id, "title": section.title, "titleHTML": section.titleHTML, "html": section.html,
             "number": index + 1, "count": body.sections.count]
        }
        context["sections"] = sections
        context["hasContents"] = sections.count > 2
        if let consultation = document.consultation.flatMap(model.site.document(at:)) {
            context["consultation"] = ["href": SitePath.link(from: path, to: consultation.outputPath), "title": consultation.title]
        }
        switch document.kind {
        case .letter:
            let letter = document.letter!
            let enclosures = model.enclosureEntries(of: document, from: path)
            context["enclosures"] = enclosures
            context["hasEnclosures"] = !enclosures.isEmpty
            context.merge(model.letterFields(letter)) { $1 }
        case .position:
            let position = document.position!
            context["versionLabel"] = position.version == .current ? "Current" : "Proposed"
            context["bargainingUnit"] = position.bargainingUnit
            context["codeHref"] = SitePath.link(from: path, to: OccupationCodeIndex.pagePath(position.occupationCode))
            if model.codes.revisedCodes.contains(position.occupationCode) {
                context["redlineHref"] = SitePath.link(from: path, to: OccupationCodeIndex.redlinePath(position.occupationCode))
            }
            // At most one document per code and version (a duplicate is an error), looked up rather than scanned for.
            context["otherVersions"] = PositionVersion.allCases
                .compactMap { model.site.position(code: position.occupationCode, version: $0) }
                .filter { $0.path != document.path }
                .sorted { $0.path < $1.path }
                .map { other -> [String: Any] in
                    ["href": SitePath.link(from: path, to: other.outputPath),
                     "label": "\(other.position!.version == .current ? "Current" : "Proposed") version, \(DateText.long(other.date))"]
                }
        default:
            break
        }
        context.merge(ReadingContext.extras(for: document, path: path, model: model)) { $1 }
        context.merge(extra) { $1 }
        let content = model.theme.render(document.kind.rawValue, context)
        let description = document.summary ?? String(body.text.prefix(155))
        return model.wrap(content, path: path, title: model.pageTitle(of: document), description: description,
                    bodyClass: document.kind.rawValue, currentListing: document.kind, breadcrumbs: [model.listingCrumb(document.kind, from: path)])
    }

}
