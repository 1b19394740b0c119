extension StaffingTable {
    /// The `ratio` block: agents, supervisors at both ratios, difference and lead specs per Care Center.
    ///
    /// The lead-spec column is named from the catalog entry for ``Staffing/leadQualitySpecCode``
    /// (just the code when `catalog` is `nil`). A totals row sums the Care Center rows.
    public static func ratio(
        _ ratio: CareCenterRatio, catalog: [String: PositionLabel]?
    ) throws(StaffingBlockError) -> StaffingTable {
        let lead = try PositionCatalog.name(of: Staffing.leadQualitySpecCode, in: catalog)
        func cells(_ row: CareCenterRatio.Row) -> [Cell] {
            [
                .header(row.name), Cell(NumberText.grouped(row.agents)),
                Cell(NumberText.grouped(row.currentSupervisors)), Cell(NumberText.grouped(row.proposedSupervisors)),
                Cell(NumberText.signed(row.difference)), Cell(NumberText.grouped(row.leadQualitySpecs)),
            ]
        }
        var notes: [String] = []
        if ratio.isIllustrative {
            notes.append("Figures are illustrative, not actual Care Center data." + (ratio.note.map { " \($0)" } ?? ""))
        } else if let note = ratio.note {
            notes.append(note)
        }
        notes.append(
            "Supervisors needed = agents \u{00F7} agents per supervisor, rounded up to a whole supervisor (1:\(ratio.currentRatio) today, 1:\(ratio.proposedRatio) proposed).")
        notes.append("Each Care Center has one \(lead), whatever its size.")
        return StaffingTable(
            caption: ratio.name,
            columns: [
                Column("Care Center"), Column("Agents", isNumeric: true),
                Column("Supervisors at 1:\(ratio.currentRatio)", isNumeric: true),
                Column("Supervisors at 1:\(ratio.proposedRatio)", isNumeric: true),
                Column("Difference", isNumeric: true), Column(lead, isNumeric: true),
            ],
            rows: ratio.rows.map(cells), footer: ratio.careCenters.isEmpty ? [] : [cells(ratio.totals)], notes: notes,
            isIllustrative: ratio.isIllustrative)
    }
}
