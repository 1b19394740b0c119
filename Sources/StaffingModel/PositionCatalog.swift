/// Looks up position names in the caller's catalog (occupation code → title and grade).
enum PositionCatalog {
    /// "Title Grade (code)"; with a `nil` catalog (command-line use without one), just the code.
    ///
    /// A code missing from a non-nil catalog is an error: labels are never guessed.
    static func name(
        of code: String, in catalog: [String: PositionLabel]?
    ) throws(StaffingBlockError) -> String {
        guard let catalog else { return code }
        guard let label = catalog[code] else {
            let known = catalog.keys.sorted().joined(separator: ", ")
            throw StaffingBlockError(message:
                "occupation code \(code) is not in the position catalog; add its title and grade to the catalog (known codes: \(known.isEmpty ? "none" : known))")
        }
        return label.name(code: code)
    }
}
