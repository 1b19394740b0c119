import PortalContent
import PortalDocumentPages
import PortalPages
import PortalRender
import PortalWork

/// One proposal packet per consultation: the letter and every enclosure, in reading order, on one page, and the
/// proposal's ZIP and EPUB (``ProposalDownloads``).
///
/// Printed from the browser, each document starts on a new sheet (`print.css`),
/// so "Print → Save as PDF" gives the packet a union officer files or sends on.
/// One unit per consultation holds the packet, the ZIP, the EPUB and the letter's
/// own page (the dossier), which shows the downloads' sizes: so an unchanged
/// consultation's downloads are reused with its pages, never made again.
package struct PacketPages: PageGenerator {
    package init() {}

    /// Each consultation is its own unit.
    package var memoUnit: String? { nil }
    /// Where the download links go in a page rendered before the downloads are made; an HTML comment, so harmless if left.
    private static let downloadsMarker = "<!--proposal-downloads-->"

    package func pages(for model: SiteModel) throws(Diagnostics) -> [OutputFile] {
        // Which letters make consultations depends on front matter only; what each proposes is
        // worked out inside the packet's unit, so a reused packet costs nothing.
        ParallelWork(jobs: model.jobs).map(Consultation.letters(in: model)) { letter in
            model.memoized(Consultation.packetPath(of: letter)) { files(for: Consultation(letter: letter, model: model)!, model) }
        }.flatMap { $0 }
    }

    /// The consultation's packet, ZIP, EPUB and letter page, in that order.
    package func files(for consultation: Consultation, _ model: SiteModel) -> [OutputFile] {
        let letter = consultation.letter
        var packet = page(for: consultation, model)
        // Split once at the marker: Foundation's replacingOccurrences took a tenth of a build's time here.
        let (before, after) = Self.split(packet.contents, at: Self.downloadsMarker)
        let downloads = ProposalDownloads(consultation, model: model)
        let zip = downloads.zip(packetPage: before + after)
        let epub = downloads.epub()
        func links(from path: String) -> String {
            ProposalDownloads.links(zip: zip.count, epub: epub.count, letter: letter, from: path, theme: model.theme)
        }
        packet.contents = before + links(from: packet.path) + after
        let letterPage = DocumentPages().page(for: letter, model, extra: ["downloads": links(from: letter.outputPath)])
        return [packet, OutputFile(path: ProposalDownloads.zipPath(of: letter), bytes: zip),
                OutputFile(path: ProposalDownloads.epubPath(of: letter), bytes: epub), letterPage]
    }

    /// `text` before and after the first `marker`; all of it and nothing when there is none.
    static func split(_ text: String, at marker: String) -> (String, String) {
        guard let range = text.utf8.firstRange(of: marker.utf8) else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    /// The packet page, with ``downloadsMarker`` where the download links go.
    package func page(for consultation: Consultation, _ model: SiteModel) -> OutputFile {
        let path = consultation.packetPath
        let letter = consultation.letter
        let fields = consultation.fields
        var context = model.summary(of: letter, from: path)
        context.merge(model.letterFields(fields)) { $1 }
        context["hasEnclosures"] = !consultation.enclosures.isEmpty
        context["downloads"] = Self.downloadsMarker
        context["redlines"] = ProposalDownloads.revisedPositions(of: consultation, model: model).map { item -> [String: Any] in
            ["href": SitePath.link(from: path, to: OccupationCodeIndex.redlinePath(item.code)),
             "title": "\(item.entry.title) (\(item.entry.grade))", "code": item.code,
             "codeHref": SitePath.link(from: path, to: OccupationCodeIndex.pagePath(item.code))]
        }
        context["body"] = EmbeddedHTML.embed(
            model.body(of: letter).html, idPrefix: "letter-", from: letter.outputPath, to: path, demote: 1)
        context["letterHref"] = SitePath.link(from: path, to: letter.outputPath)
        context.merge(ReadingContext.reviewWindow(consultation, today: model.today, from: path)) { $1 }
        let count = consultation.enclosures.count
        context["count"] = count
        context["documents"] = consultation.enclosures.enumerated().map { index, document -> [String: Any] in
            var entry = model.summary(of: document, from: path)
            let anchor = "enclosure-\(index + 1)"
            entry["anchor"] = anchor
            entry["number"] = index + 1
            entry["count"] = count
            entry["path"] = document.outputPath
            entry["html"] = EmbeddedHTML.embed(
                Self.content(of: document, model), idPrefix: "\(anchor)-", from: document.outputPath, to: path, demote: 1)
            return entry
        }
        // Printed, each link is followed by where it leads (print.css).
        let content = PrintDestinations.annotate(model.theme.render("packet", context), from: path, model: model)
        return model.wrap(
            content, path: path, title: "Proposal packet: \(letter.title)",
            description: "The consultation letter of \(DateText.long(letter.date)) and its \(count) enclosure\(count == 1 ? "" : "s") on one page, each starting on a new sheet when printed.",
            bodyClass: "packet", currentListing: .letter,
            breadcrumbs: [model.listingCrumb(.letter, from: path),
                          ["href": SitePath.link(from: path, to: letter.outputPath), "label": letter.title]])
    }

    /// A document's content as its own page shows it, headed from level 2, before embedding.
    package static func content(of document: ContentDocument, _ model: SiteModel) -> String {
        let body = model.body(of: document)
        switch document.kind {
        case .position:
            let position = document.position!
            let summary = ReadingContext.positionSummary(body)
            var rows = [("Occupation code", position.occupationCode), ("Grade", position.grade),
                        ("Version", "\(position.version == .current ? "Current" : "Proposed"), \(DateText.long(document.date))")]
            if let unit = position.bargainingUnit { rows.append(("Bargaining unit", unit)) }
            if let supervision = summary["supervision"] as? String { rows.append(("Supervision", supervision)) }
            if let method = summary["selectionMethod"] as? String { rows.append(("Selection method", method)) }
            let list = "<dl class=\"summary-list\">\n"
                + rows.map { "<div><dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd></div>\n" }.joined()
                + "</dl>\n"
            return list + body.html
        case .presentation:
            let slides = body.sections.enumerated().map { index, section in
                "<section class=\"slide\" id=\"slide-\(index + 1)\" aria-labelledby=\"slide-\(index + 1)-number \(section.id)\">\n"
                    + "<p class=\"slide-number\" id=\"slide-\(index + 1)-number\">Slide \(index + 1) of \(body.sections.count)</p>\n"
                    + "<h2 id=\"\(section.id)\">\(section.titleHTML)</h2>\n\(section.html)</section>\n"
            }
            return body.intro + slides.joined()
        case .letter, .qa, .article, .response, .decision:
            return body.html
        }
    }
}
