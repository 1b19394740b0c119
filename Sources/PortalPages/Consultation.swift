import PortalContent
import PortalMarkdown
import PortalRedline
import StaffingModel

/// One consultation: a letter, the documents it encloses, what it proposes, and its review window.
///
/// "What is proposed" is derived from the content, never typed: positions from
/// the enclosures and the catalog of versions, staffing changes from the
/// staffing blocks on the letter and its enclosures, with the figures from
/// the data files.
package struct Consultation {
    /// One item of the "what is proposed" list.
    package struct Change {
        package enum Kind: Int, CaseIterable, Comparable {
            case newPosition, revisedPosition, staffingCriteria, ratio, authorization

            package var heading: String {
                switch self {
                case .newPosition: "New positions"
                case .revisedPosition: "Revised position descriptions"
                case .staffingCriteria: "Staffing criteria changes"
                case .ratio: "Ratio changes"
                case .authorization: "Authorization changes"
                }
            }

            package static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
        }

        package var kind: Kind
        /// The thing that changes, linked to `target` on the page.
        package var text: String
        /// How it changes, in plain words after the link; nil when the name says it all.
        package var detail: String? = nil
        /// Output path of the page that shows the change, if any.
        package var target: String?
        /// The id on `target` where the change is shown; nil for the top of the page.
        package var fragment: String? = nil
    }

    package let letter: ContentDocument
    package let fields: LetterFields
    package let window: ReviewWindow
    /// The enclosures in the letter's order: the packet's reading order after the letter.
    package let enclosures: [ContentDocument]
    package let changes: [Change]

    /// `nil` for a document that is not a letter or has an unreadable date (the loader rejects both).
    package init?(letter: ContentDocument, model: SiteModel) {
        guard let fields = letter.letter, let date = CivilDate(letter.date) else { return nil }
        self.letter = letter
        self.fields = fields
        window = Staffing.reviewWindow(letterDate: date)
        var seen = Set<String>()
        enclosures = fields.enclosures.compactMap { model.site.document(for: $0) }.filter { seen.insert($0.path).inserted }
        // From the site's index: scanning every document for every letter made big sites quadratic.
        let related = model.site.documents(inConsultation: letter.path).filter { !seen.contains($0.path) }
        let staffing = Self.staffingChanges([letter] + enclosures + related, model: model)
        changes = Self.positionChanges(enclosures + related, model: model) + staffing
            + Self.ratioChangesNamingThisLetter(letter, alreadyListed: staffing, model: model)
    }

    /// Every consultation in the site, newest first.
    package static func all(in model: SiteModel) -> [Consultation] {
        letters(in: model).compactMap { Consultation(letter: $0, model: model) }
    }

    /// The letters that make consultations, newest first, without working out what each proposes.
    package static func letters(in model: SiteModel) -> [ContentDocument] {
        model.documents(of: .letter).filter { $0.letter != nil && CivilDate($0.date) != nil }
            .sorted { ($0.date, $0.path) > ($1.date, $1.path) }
    }

    /// The proposal packet's path for `letter`.
    package static func packetPath(of letter: ContentDocument) -> String { "packets/" + letter.outputPath }

    /// The proposal packet: the letter and every enclosure on one printable page.
    package var packetPath: String { Self.packetPath(of: letter) }

    // MARK: Derivation

    /// New positions have only a proposed version on file; revised ones have a current one too.
    private static func positionChanges(_ documents: [ContentDocument], model: SiteModel) -> [Change] {
        var codes: [String] = []
        for document in documents {
            if let code = document.position?.occupationCode, !codes.contains(code) { codes.append(code) }
        }
        var changes: [Change] = []
        for code in codes {
            guard let proposed = model.site.position(code: code, version: .proposed) else { continue }
            let name = "\(proposed.title), \(proposed.position!.grade) (\(code))"
            if model.site.position(code: code, version: .current) == nil {
                changes.append(Change(kind: .newPosition, text: name, target: proposed.outputPath))
            } else {
                changes.append(Change(kind: .revisedPosition, text: name, target: proposed.outputPath))
            }
        }
        return changes
    }

    /// Ratio changes whose data file names this letter as its consultation, when no block shows them.
    ///
    /// A letter may propose a ratio in prose only (the 2019 letter does); its data
    /// file then says which letter it belongs to, and the figures live on the staffing page.
    private static func ratioChangesNamingThisLetter(_ letter: ContentDocument, alreadyListed: [Change], model: SiteModel) -> [Change] {
        model.staffing.data.ratios.sorted { $0.key < $1.key }.compactMap { stem, ratio in
            guard ratio.consultation == letter.path, !alreadyListed.contains(where: { $0.kind == .ratio && $0.text == ratio.name }) else { return nil }
            return ratioChange(ratio, target: StaffingPages.overviewPath, fragment: "ratio-\(stem)")
        }
    }

    private static func ratioChange(_ ratio: CareCenterRatio, target: String, fragment: String? = nil) -> Change {
        Change(
            kind: .ratio, text: ratio.name,
            detail: "one supervisor per \(ratio.currentRatio) agents becomes one per \(ratio.proposedRatio) (1:\(ratio.currentRatio) to 1:\(ratio.proposedRatio))",
            target: target, fragment: fragment)
    }

    /// One change per data file a staffing block shows, in the order the blocks appear.
    private static func staffingChanges(_ documents: [ContentDocument], model: SiteModel) -> [Change] {
        let data = model.staffing.data
        var shown = Set<String>()
        var changes: [Change] = []
        for document in documents {
            for info in model.generatedBlocks(of: document) {
                guard let request = try? StaffingBlockRequest.parse(infoString: info) else { continue }
                switch request.name {
                case "factors", "bands", "districts":
                    guard let stem = request.parameters["model"], let workload = data.models[stem],
                          shown.insert("model:\(stem)").inserted else { continue }
                    let factors = workload.factors.map { "\($0.label) \($0.weight)%" }.joined(separator: ", ")
                    changes.append(Change(
                        kind: .staffingCriteria,
                        text: workload.name,
                        detail: "a workload model of \(workload.factors.count) weighted factors (\(factors)) allocating positions by \(workload.bands.count) score bands",
                        target: document.outputPath))
                case "ratio":
                    guard let stem = request.parameters["ratio"], let ratio = data.ratios[stem],
                          shown.insert("ratio:\(stem)").inserted else { continue }
                    changes.append(ratioChange(ratio, target: document.outputPath))
                case "complement":
                    guard let stem = request.parameters["complement"], let complement = data.complements[stem],
                          shown.insert("complement:\(stem)").inserted else { continue }
                    for position in complement.positions {
                        let label = model.staffing.catalog[position.code].map { "\($0.title), \($0.grade)" } ?? "Position"
                        changes.append(Change(
                            kind: .authorization,
                            text: "\(label) (\(position.code))",
                            detail: "\(position.current) to \(position.proposed) authorized (\(signed(position.difference)))",
                            target: document.outputPath))
                    }
                    if complement.positions.count > 1 {
                        changes.append(Change(
                            kind: .authorization,
                            text: "Total",
                            detail: "\(complement.totalCurrent) to \(complement.totalProposed) authorized (\(signed(complement.totalDifference)))",
                            target: document.outputPath))
                    }
                default:
                    continue
                }
            }
        }
        return changes
    }

    private static func signed(_ value: Int) -> String {
        value > 0 ? "+\(value)" : value < 0 ? "\u{2212}\(-value)" : "no change"
    }
}
