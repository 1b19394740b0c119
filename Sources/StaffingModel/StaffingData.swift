/// All staffing data of the site, loaded from the data directory's file texts and keyed by stem.
///
/// A file's stem is its name without the kind suffix: `customer-relations-2022.model.yaml`
/// has stem `customer-relations-2022`. Recognised kinds are `STEM.model.yaml`,
/// `STEM.complement.yaml`, `STEM.districts.csv` (with optional sidecar `STEM.districts.yaml`)
/// and `STEM.ratio.yaml`. Other `.yaml`/`.yml`/`.csv` files but `glossary.yaml` are errors (likely misnamed);
/// files with other extensions are ignored.
public struct StaffingData: Sendable {
    public var models: [String: WorkloadModel]
    public var districtSets: [String: DistrictCounts]
    public var complements: [String: PositionComplement]
    public var ratios: [String: CareCenterRatio]

    public init(
        models: [String: WorkloadModel] = [:], districtSets: [String: DistrictCounts] = [:],
        complements: [String: PositionComplement] = [:], ratios: [String: CareCenterRatio] = [:]
    ) {
        self.models = models
        self.districtSets = districtSets
        self.complements = complements
        self.ratios = ratios
    }

    /// Parses every data file and reports all problems at once.
    ///
    /// `files` maps paths relative to the data directory (e.g. `customer-relations-2022.model.yaml`)
    /// to file text; errors name files as `displayPrefix + key`. Besides each file's own checks, a
    /// districts CSV is checked against the model with the same stem (when there is one), and a
    /// districts sidecar needs its CSV.
    public static func load(files: [String: String], displayPrefix: String = "Content/data/") throws(StaffingErrors) -> StaffingData {
        var data = StaffingData()
        var errors: [StaffingError] = []
        var sidecars: [String: (info: DistrictSetInfo, path: String)] = [:]
        for key in files.keys.sorted() {
            let path = displayPrefix + key
            let text = files[key] ?? ""
            guard let (kind, stem) = StaffingDataFile.classify(key) else {
                // The glossary is read by PortalContent's `Glossary`.
                if key != "glossary.yaml" && StaffingDataFile.dataExtensions.contains(where: { key.hasSuffix($0) }) {
                    let kinds = StaffingDataFile.allCases.map { "STEM\($0.suffix)" }.joined(separator: ", ")
                    errors.append(StaffingError(path: path, line: 1, column: 1, message:
                        "unrecognised data file name; rename it to one of \(kinds), or move it out of the data directory"))
                }
                continue
            }
            do {
                switch kind {
                case .model: data.models[stem] = try WorkloadModel.parse(yaml: text, path: path)
                case .complement: data.complements[stem] = try PositionComplement.parse(yaml: text, path: path)
                case .districts: data.districtSets[stem] = try DistrictCounts.parse(csv: text, path: path)
                case .districtsInfo: sidecars[stem] = (try DistrictSetInfo.parse(yaml: text, path: path), path)
                case .ratio: data.ratios[stem] = try CareCenterRatio.parse(yaml: text, path: path)
                }
            } catch {
                errors += error.errors
            }
        }
        for (stem, sidecar) in sidecars {
            if data.districtSets[stem] != nil {
                data.districtSets[stem]?.info = sidecar.info
            } else if files["\(stem)\(StaffingDataFile.districts.suffix)"] == nil {
                errors.append(StaffingError(path: sidecar.path, line: 1, column: 1, message:
                    "this sidecar describes \(stem)\(StaffingDataFile.districts.suffix), which does not exist; add the CSV or remove the sidecar"))
            }
        }
        for (stem, districts) in data.districtSets {
            if let model = data.models[stem] { errors += districts.problems(against: model) }
        }
        guard errors.isEmpty else { throw StaffingErrors(errors) }
        return data
    }
}
