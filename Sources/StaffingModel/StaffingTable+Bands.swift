extension StaffingTable {
    /// The `bands` block: minimum, maximum, then positions earned per occupation code.
    ///
    /// Notes cover rounding, the below-minimum and above-maximum rules, and each exception.
    /// Throws when a code is missing from a non-nil `catalog`.
    public static func bands(
        model: WorkloadModel, catalog: [String: PositionLabel]?
    ) throws(StaffingBlockError) -> StaffingTable {
        var columns = [Column("Minimum score", isNumeric: true), Column("Maximum score", isNumeric: true)]
        var names: [String: String] = [:]
        for code in model.occupationCodes {
            let name = try PositionCatalog.name(of: code, in: catalog)
            names[code] = name
            columns.append(Column("\(name) earned", isNumeric: true))
        }
        let rows = model.bands.map { band in
            [.header(NumberText.fixed(band.min)), Cell(NumberText.fixed(band.max))]
                + model.occupationCodes.map { Cell(NumberText.grouped(band.earned[$0, default: 0])) }
        }
        var notes = [roundingNote]
        if let lowest = model.bands.map(\.min).min(), let highest = model.bands.map(\.max).max() {
            notes.append(
                "A score below \(NumberText.fixed(lowest)) earns no positions (flag \(Staffing.belowMinimumFlag)); a score above \(NumberText.fixed(highest)) earns the top band (flag \(Staffing.aboveMaximumFlag)).")
        }
        for exception in model.exceptions {
            notes.append(exceptionNote(exception, names: names))
        }
        return StaffingTable(
            caption: "\(model.name): score bands and positions earned", columns: columns, rows: rows, notes: notes)
    }

    static let roundingNote = "Scores are rounded half-up to 2 decimals before the band lookup."

    static func exceptionNote(_ exception: BandException, names: [String: String]) -> String {
        let retain = names[exception.retain] ?? exception.retain
        let inLieuOf = names[exception.inLieuOf] ?? exception.inLieuOf
        return "Exception for \(englishList(exception.districts)): a district that earns no \(retain) keeps one in lieu of one \(inLieuOf)."
    }

    /// "A", "A and B", "A, B and C".
    package static func englishList(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}
