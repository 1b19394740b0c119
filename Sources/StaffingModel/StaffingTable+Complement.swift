extension StaffingTable {
    /// The `complement` block: position, current, proposed and signed difference per code.
    ///
    /// Differences read "+7", "0" or "−3" (U+2212 MINUS SIGN). A total row is added only when
    /// there is more than one row. `codes` picks and orders rows; `nil` keeps the file's order.
    /// Throws for a code not in the complement or not in the catalog.
    public static func complement(
        _ complement: PositionComplement, codes: [String]? = nil, catalog: [String: PositionLabel]
    ) throws(StaffingBlockError) -> StaffingTable {
        let valid = complement.positions.map(\.code)
        for code in codes ?? [] where !valid.contains(code) {
            throw StaffingBlockError(message:
                "code \(code) is not in the complement '\(complement.name)'; valid codes: \(valid.joined(separator: ", "))",
                parameter: "codes")
        }
        let positions = codes.map { complement.positions(codes: $0) } ?? complement.positions
        var rows: [[Cell]] = []
        for position in positions {
            rows.append([
                .header(try PositionCatalog.name(of: position.code, in: catalog)),
                Cell(NumberText.grouped(position.current)), Cell(NumberText.grouped(position.proposed)),
                Cell(NumberText.signed(position.difference)),
            ])
        }
        var footer: [[Cell]] = []
        if positions.count > 1 {
            let current = positions.reduce(0) { $0 + $1.current }
            let proposed = positions.reduce(0) { $0 + $1.proposed }
            footer = [[
                .header("Total"), Cell(NumberText.grouped(current)), Cell(NumberText.grouped(proposed)),
                Cell(NumberText.signed(proposed - current)),
            ]]
        }
        var notes = complement.note.map { [$0] } ?? []
        notes.append("Difference is proposed minus current; a minus sign (\(NumberText.minus)) marks a reduction.")
        return StaffingTable(
            caption: complement.name,
            columns: [
                Column("Position"), Column("Current", isNumeric: true), Column("Proposed", isNumeric: true),
                Column("Difference", isNumeric: true),
            ],
            rows: rows, footer: footer, notes: notes)
    }
}
