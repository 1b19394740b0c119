import PortalContent
import PortalPages
import PortalRender
import StaffingModel

/// Template fields for what follows a proposal: the dossier's timeline and "Cited by" list,
/// and the pages of responses and decisions.
package enum ReplyContext {
    /// The letter page's timeline (``ConsultationSteps``) and the documents that cite the letter.
    package static func dossier(of letter: ContentDocument, from path: String, model: SiteModel) -> [String: Any] {
        var context = ConsultationSteps(letter: letter, site: model.site, today: model.today)?.context(from: path, today: model.today) ?? [:]
        let citedBy = model.citations.documents(citing: letter.path).compactMap(model.site.document(at:))
            .sorted { ($0.date, $0.path) < ($1.date, $1.path) }
            .map { model.summary(of: $0, from: path) }
        context["citedBy"] = citedBy
        context["hasCitedBy"] = !citedBy.isEmpty
        return context
    }

    /// A response's or decision's own fields: what it answers or decides, the people, and its timing.
    package static func page(of document: ContentDocument, from path: String, model: SiteModel) -> [String: Any] {
        var context: [String: Any] = [:]
        func link(_ target: String) -> [String: Any]? {
            model.site.document(at: target).map {
                ["href": SitePath.link(from: path, to: $0.outputPath), "title": $0.title, "kindLabel": $0.kind.label.lowercased()]
            }
        }
        if let response = document.response {
            context["from"] = person(response.from)
            context["to"] = person(response.to)
            context["respondsTo"] = link(response.respondsTo)
        }
        if let decision = document.decision {
            context["from"] = decision.from.map(person)
            context["to"] = decision.to.map(person)
            context["decides"] = link(decision.decides)
            context["implementsOn"] = decision.implementsOn
            context["implementsOnText"] = decision.implementsOn.map(DateText.long)
            context["extraordinaryCircumstances"] = decision.extraordinaryCircumstances
        }
        guard let letter = proposal(answeredBy: document, in: model.site),
              let steps = ConsultationSteps(letter: letter, site: model.site, today: model.today) else { return context }
        context["consultation"] = ["href": SitePath.link(from: path, to: letter.outputPath), "title": letter.title]
        let end = steps.timeline.window.end.description
        context["reviewEnd"] = end
        context["reviewEndText"] = DateText.long(end)
        context["timing"] = timing(of: document, steps: steps)
        context["timingFlagged"] = document.decision != nil && steps.decision?.path == document.path && !steps.timeline.flaggedSteps.isEmpty
        return context
    }

    /// A sender or addressee under keys of their own, so that a missing title never shows the page's.
    private static func person(_ person: Person) -> [String: Any] {
        var entry: [String: Any] = ["personName": person.name]
        entry["personTitle"] = person.title
        entry["personOrganization"] = person.organization
        return entry
    }

    /// The proposal letter a response or decision belongs to: what it decides, answers, or answers the decision of.
    package static func proposal(answeredBy document: ContentDocument, in site: ContentSite) -> ContentDocument? {
        var target = document.decision?.decides ?? document.response?.respondsTo
        if let path = target, let decision = site.document(at: path)?.decision { target = decision.decides }
        return target.flatMap(site.document(at:)).flatMap { $0.kind == .letter ? $0 : nil }
    }

    /// One sentence on how the document stands against the review period, as the timeline judges it.
    private static func timing(of document: ContentDocument, steps: ConsultationSteps) -> String? {
        let end = DateText.long(steps.timeline.window.end.description)
        guard let date = CivilDate(document.date) else { return nil }
        if document.response != nil {
            guard steps.responses.contains(where: { $0.path == document.path }) else { return nil }
            return date <= steps.timeline.window.end
                ? "Received within the review period, which ended \(end)."
                : "Received after the review period ended on \(end)."
        }
        guard steps.decision?.path == document.path else {
            return "A later decision on the same proposal; the dossier's timeline shows the earliest."
        }
        switch steps.timeline.entry(.decision).timing {
        case .beforeReviewEnds?: return "Dated before the review period ends (\(end)), with no extraordinary circumstances stated."
        case .beforeReviewEndsExplained?: return "Dated before the review period ends (\(end)), for the extraordinary circumstances stated."
        default:
            if steps.timeline.entry(.implementation).timing == .beforeReviewEnds {
                return "Implementation is set before the review period ends (\(end)), with no extraordinary circumstances stated."
            }
            return "Made after the review period ended on \(end)."
        }
    }
}
