/// The kinds of file in the data directory, recognised by their name's ending.
enum StaffingDataFile: CaseIterable {
    case model, complement, districts, districtsInfo, ratio

    /// The name ending; the rest of the name is the stem blocks refer to.
    var suffix: String {
        switch self {
        case .model: return ".model.yaml"
        case .complement: return ".complement.yaml"
        case .districts: return ".districts.csv"
        case .districtsInfo: return ".districts.yaml"
        case .ratio: return ".ratio.yaml"
        }
    }

    /// Endings of files that look like data but match no kind; those are reported, other files ignored.
    static let dataExtensions = [".yaml", ".yml", ".csv"]

    /// The kind and stem of `name`, or `nil` when no suffix matches (or the stem would be empty).
    static func classify(_ name: String) -> (kind: StaffingDataFile, stem: String)? {
        for kind in allCases where name.hasSuffix(kind.suffix) && name.count > kind.suffix.count {
            return (kind, String(name.dropLast(kind.suffix.count)))
        }
        return nil
    }
}
