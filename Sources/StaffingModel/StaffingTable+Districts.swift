extension StaffingTable {
    /// The `districts` block: per district, factor indexes, score, band, positions earned and flags.
    ///
    /// Means are taken over all of `districts`. Checks the CSV columns against `model` first and
    /// throws with the CSV's path, line and column when they differ; also throws for a code
    /// missing from a non-nil `catalog`. Notes say when figures are illustrative, state the
    /// index-to-mean assumption and rounding, and explain each flag that appears.
    public static func districts(
        model: WorkloadModel, districts: DistrictCounts, catalog: [String: PositionLabel]?
    ) throws(StaffingBlockError) -> StaffingTable {
        let problems = districts.problems(against: model)
        guard problems.isEmpty else {
            throw StaffingBlockError(message:
                "the districts data does not fit the model '\(model.name)': " + problems.map(\.description).joined(separator: "; "))
        }
        var names: [String: String] = [:]
        for code in model.occupationCodes { names[code] = try PositionCatalog.name(of: code, in: catalog) }

        let results = model.compute(districts: districts)
        let columns = [Column("District")]
            + model.factors.map { Column("\($0.label) (index)", isNumeric: true) }
            + [Column("Score", isNumeric: true), Column("Band")]
            + model.occupationCodes.map { Column("\(names[$0, default: $0]) earned", isNumeric: true) }
            + [Column("Flags")]
        let rows = results.map { result in
            [.header(result.district)]
                + model.factors.map { Cell(NumberText.fixed(result.indexes[$0.key, default: 0])) }
                + [Cell(Staffing.scoreText(result.score)), Cell(result.band?.label ?? "none")]
                + model.occupationCodes.map { Cell(NumberText.grouped(result.earned[$0, default: 0])) }
                + [Cell(result.flags.isEmpty ? "none" : result.flags.joined(separator: "; "))]
        }
        let totals = model.occupationCodes.map { code in results.reduce(0) { $0 + $1.earned[code, default: 0] } }
        let footer: [[Cell]] = [
            [.header("Total")] + Array(repeating: Cell(""), count: model.factors.count + 2)
                + totals.map { Cell(NumberText.grouped($0)) } + [Cell("")],
        ]

        var notes: [String] = []
        if let notice = districts.info.illustrativeNotice { notes.append(notice) }
        notes.append(indexToMeanAssumption)
        notes.append(
            "Indexes are shown rounded to 2 decimals; the score is computed from the unrounded indexes and rounded half-up to 2 decimals before the band lookup.")
        notes += flagNotes(model: model, results: results, names: names)
        let title = districts.info.name.map { "\(model.name): \($0)" } ?? "\(model.name): district scores"
        return StaffingTable(
            caption: title, columns: columns, rows: rows, footer: footer, notes: notes,
            isIllustrative: districts.isIllustrative)
    }

    /// One sentence per kind of flag that appears in `results`.
    static func flagNotes(model: WorkloadModel, results: [DistrictResult], names: [String: String]) -> [String] {
        let flags = Set(results.flatMap(\.flags))
        var notes: [String] = []
        if flags.contains(Staffing.belowMinimumFlag), let lowest = model.bands.map(\.min).min() {
            notes.append("\(Staffing.belowMinimumFlag): the score is below \(NumberText.fixed(lowest)), so the district earns no positions.")
        }
        if flags.contains(Staffing.aboveMaximumFlag), let highest = model.bands.map(\.max).max() {
            notes.append("\(Staffing.aboveMaximumFlag): the score is above \(NumberText.fixed(highest)), so the district earns the top band.")
        }
        for exception in model.exceptions where flags.contains(where: { $0.hasPrefix("exception: retains \(exception.retain)") }) {
            let retain = names[exception.retain] ?? exception.retain
            let inLieuOf = names[exception.inLieuOf] ?? exception.inLieuOf
            notes.append(
                "exception: in \(englishList(exception.districts)), a district that earns no \(retain) keeps one in lieu of one \(inLieuOf).")
        }
        return notes
    }
}
