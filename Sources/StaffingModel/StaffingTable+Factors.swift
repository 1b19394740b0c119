extension StaffingTable {
    /// Plain-words statement of the standardization assumption, shown under factor and district tables.
    public static let indexToMeanAssumption =
        "The letter does not say how raw counts become a standardized score. This portal assumes each factor is expressed as an index against the mean over all districts (mean = 100), and the score is the weighted sum of the indexes."

    /// The `factors` block: each factor's label and weight (%), with a total row.
    public static func factors(model: WorkloadModel) -> StaffingTable {
        let total = model.factors.reduce(0) { $0 + $1.weight }
        return StaffingTable(
            caption: "\(model.name): workload factors and weights",
            columns: [Column("Factor"), Column("Weight (%)", isNumeric: true)],
            rows: model.factors.map { [.header($0.label), Cell("\($0.weight)")] },
            footer: [[.header("Total"), Cell("\(total)")]],
            notes: [indexToMeanAssumption])
    }
}
