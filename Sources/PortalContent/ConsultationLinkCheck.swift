import StaffingModel

/// Checks the links that tie a consultation together: enclosures both ways, responses and decisions.
///
/// A letter lists its enclosures and each enclosure names its letter in `consultation`; the two sides
/// are typed apart, so one can be missed. Responses and decisions name what they answer or decide.
enum ConsultationLinkCheck {
    static let checks: [@Sendable (ContentSite) -> [Diagnostic]] = [replyReferences, oneSidedEnclosures, decisionTiming]

    /// `responds_to` must name a letter or decision, `decides` a letter: an error, since the timeline hangs on them.
    ///
    /// A reference to a file that failed to load is not reported again (see ``ReferenceChecker``).
    static func replyReferences(_ site: ContentSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func check(_ document: ContentDocument, field: String, target: String, allowed: Set<DocumentKind>, what: String) {
            guard !site.failedPaths.contains(target) else { return }
            let location = document.location(ofField: field)
            let problem: String
            if let found = site.document(at: target) {
                guard !allowed.contains(found.kind) else { return }
                problem = "\(field) '\(target)' is \(found.kind.indefiniteLabel), not a \(what); name the \(what) this document \(field == "decides" ? "decides" : "answers")"
            } else {
                problem = "\(field) '\(target)' names no document; give the path of a \(what) relative to the content folder, e.g. \(field): letters/2022-08-30-customer-relations-coordinators.md"
            }
            diagnostics.append(Diagnostic(path: document.displayPath, line: location.line, column: location.column, message: problem))
        }
        for document in site.documents {
            if let response = document.response {
                check(document, field: "responds_to", target: response.respondsTo, allowed: [.letter, .decision], what: "letter or decision")
            }
            if let decision = document.decision {
                check(document, field: "decides", target: decision.decides, allowed: [.letter], what: "letter")
            }
        }
        return diagnostics
    }

    /// Warns when a document names a consultation whose letter does not enclose it, and when a letter
    /// encloses a document that names another consultation.
    static func oneSidedEnclosures(_ site: ContentSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for document in site.documents where document.kind != .response && document.kind != .decision {
            guard let path = document.consultation, let letter = site.document(at: path), let fields = letter.letter else { continue }
            guard !fields.enclosures.contains(where: { site.document(for: $0)?.path == document.path }) else { continue }
            let location = document.location(ofField: "consultation")
            diagnostics.append(Diagnostic(
                .warning, path: document.displayPath, line: location.line, column: location.column,
                message: "consultation '\(path)' does not enclose this document; add \(enclosureEntry(for: document)) to that letter's enclosures, or correct this field"))
        }
        for letter in site.documents {
            for enclosure in letter.letter?.enclosures ?? [] {
                // A document that names no consultation is not checked: a position on file before any consultation
                // (a current version, say) may be enclosed as it is.
                guard let enclosed = site.document(for: enclosure), enclosed.path != letter.path,
                      let other = enclosed.consultation, other != letter.path else { continue }
                diagnostics.append(Diagnostic(
                    .warning, path: letter.displayPath, line: enclosure.line, column: enclosure.column,
                    message: "enclosure \(enclosed.path) names another consultation, '\(other)'; set its consultation to \(letter.path), or remove the enclosure here"))
            }
        }
        return diagnostics
    }

    /// How a letter's enclosures list `document`, for a message that says what to add.
    private static func enclosureEntry(for document: ContentDocument) -> String {
        if let position = document.position { return "{code: \(position.occupationCode), version: \(position.version.rawValue)}" }
        return "{path: \(document.path)}"
    }

    /// Warns of a decision or implementation dated within the review period without extraordinary circumstances,
    /// and of a second decision on one letter (the timeline shows the earliest).
    static func decisionTiming(_ site: ContentSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstDecision: [String: ContentDocument] = [:]
        for document in site.documents.filter({ $0.decision != nil }).sorted(by: { ($0.date, $0.path) < ($1.date, $1.path) }) {
            guard let decision = document.decision, let letter = site.document(at: decision.decides), letter.kind == .letter,
                  let proposal = CivilDate(letter.date), let date = CivilDate(document.date) else { continue }
            if let first = firstDecision[decision.decides] {
                let location = document.location(ofField: "decides")
                diagnostics.append(Diagnostic(
                    .warning, path: document.displayPath, line: location.line, column: location.column,
                    message: "\(decision.decides) is already decided by \(first.displayPath); the dossier's timeline shows the earliest decision only"))
                continue
            }
            firstDecision[decision.decides] = document
            let timeline = ConsultationTimeline(
                proposal: proposal,
                decision: .init(date: date, implementsOn: decision.implementsOn.flatMap(CivilDate.init),
                                statesExtraordinaryCircumstances: decision.extraordinaryCircumstances != nil),
                today: date)
            let end = timeline.window.end.description
            for step in timeline.flaggedSteps {
                let (field, what) = step == .decision ? ("date", "decision dated \(document.date)") : ("implements_on", "implementation on \(decision.implementsOn ?? "")")
                let location = document.location(ofField: field)
                diagnostics.append(Diagnostic(
                    .warning, path: document.displayPath, line: location.line, column: location.column,
                    message: "\(what) is within the review period, which ends \(end) (§1004(d)(1)(B)); add extraordinary_circumstances, or correct the date"))
            }
        }
        return diagnostics
    }
}
