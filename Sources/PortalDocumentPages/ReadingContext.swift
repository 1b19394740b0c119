import PortalContent
import PortalMarkdown
import PortalPages
import PortalRedline
import PortalRender
import StaffingModel

/// Template fields the reading experience adds to the document pages and the home page.
///
/// ``DocumentPages`` merges these into its own context, so each kind's
/// template gets its dossier, summary list, slide-view link or FAQ data.
package enum ReadingContext {
    /// Extra fields for `document`'s own page at `path`.
    package static func extras(for document: ContentDocument, path: String, model: SiteModel) -> [String: Any] {
        switch document.kind {
        case .letter:
            guard let consultation = Consultation(letter: document, model: model) else { return [:] }
            return dossier(consultation, from: path, model: model)
                .merging(ReplyContext.dossier(of: document, from: path, model: model)) { $1 }
        case .position:
            return positionSummary(model.body(of: document))
        case .presentation:
            return ["slideViewHref": SitePath.link(from: path, to: SlidePages.path(of: document))]
        case .qa:
            return ["faqJSONLD": faqJSONLD(document, model: model)]
        case .article:
            return [:]
        case .response, .decision:
            return ReplyContext.page(of: document, from: path, model: model)
        }
    }

    /// Fields for one entry of the home page's consultation timeline.
    package static func timelineEntry(for letter: ContentDocument, from path: String, model: SiteModel) -> [String: Any] {
        guard let consultation = Consultation(letter: letter, model: model) else { return [:] }
        var entry = reviewWindow(consultation, today: model.today, from: path)
        entry["packetHref"] = SitePath.link(from: path, to: consultation.packetPath)
        return entry
    }

    /// Site-wide links the home page offers: the offline bundle, when the build writes it, and the feed.
    package static func home(from path: String, offersBundle: Bool) -> [String: Any] {
        ["bundleHref": offersBundle ? SitePath.link(from: path, to: SitePath.offlineBundle) : false,
         "feedHref": SitePath.link(from: path, to: SiteFeeds.feedPath),
         "deadlinesHref": SitePath.link(from: path, to: DeadlineCalendar.path),
         "scriptHref": SitePath.link(from: path, to: "assets/review-window.js")]
    }

    // MARK: Letters

    package static func dossier(_ consultation: Consultation, from path: String, model: SiteModel) -> [String: Any] {
        var context = reviewWindow(consultation, today: model.today, from: path)
        context["packetHref"] = SitePath.link(from: path, to: consultation.packetPath)
        let groups: [[String: Any]] = Consultation.Change.Kind.allCases.compactMap { kind in
            let items = consultation.changes.filter { $0.kind == kind }
            guard !items.isEmpty else { return nil }
            return [
                "heading": kind.heading,
                "items": items.map { change -> [String: Any] in
                    var item: [String: Any] = ["text": change.text]
                    item["detail"] = change.detail
                    item["href"] = change.target.map {
                        SitePath.link(from: path, to: $0) + (change.fragment.map { "#" + SitePath.encoded($0) } ?? "")
                    }
                    return item
                },
            ]
        }
        context["proposals"] = groups
        context["hasProposals"] = !groups.isEmpty
        let charts = ConsultationCharts.figures(consultation.letter, enclosures: consultation.enclosures, from: path, model: model)
        context["charts"] = charts
        context["hasCharts"] = !charts.isEmpty
        return context
    }

    /// The review window's end and its status on `today`, which `review-window.js` recomputes in the browser.
    package static func reviewWindow(_ consultation: Consultation, today: CivilDate, from path: String) -> [String: Any] {
        let window = consultation.window
        let isOpen = window.status(on: today) == .open
        return [
            "reviewEnd": window.end.description, "reviewEndText": DateText.long(window.end.description),
            "reviewDays": window.days, "isOpen": isOpen, "statusLabel": isOpen ? "Open" : "Closed",
            "statusSentence": isOpen ? "open until" : "closed on",
            "asOf": today.description, "asOfText": DateText.long(today.description),
            "reviewScriptHref": SitePath.link(from: path, to: "assets/review-window.js"),
        ]
    }

    // MARK: Positions

    /// Supervision and selection method, from the body's level-2 sections of those names.
    package static func positionSummary(_ body: RenderedBody) -> [String: Any] {
        func section(_ title: String) -> String? {
            body.sections.first { $0.title.caseInsensitiveCompare(title) == .orderedSame }
                .map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        }
        var context: [String: Any] = [:]
        context["supervision"] = section("Supervision")
        context["selectionMethod"] = section("Selection Method")
        return context
    }

    // MARK: Q&A

    /// schema.org FAQPage JSON-LD: one Question per level-2 section, its text as the accepted answer.
    package static func faqJSONLD(_ document: ContentDocument, model: SiteModel) -> String {
        let questions: [[String: Any]] = model.body(of: document).sections.map { section in
            ["@type": "Question", "name": section.title,
             "acceptedAnswer": ["@type": "Answer", "text": section.text]]
        }
        return JSONScript.encode([
            "@context": "https://schema.org", "@type": "FAQPage", "name": document.title, "mainEntity": questions,
        ] as [String: Any])
    }
}
