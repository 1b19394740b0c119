/// What a districts CSV cannot say about itself: a title, and whether its figures are illustrative.
///
/// Read from the optional sidecar `STEM.districts.yaml` next to `STEM.districts.csv`, with keys
/// `name` (optional), `illustrative` (true/false, default false) and `note` (optional).
public struct DistrictSetInfo: Equatable, Sendable {
    public var name: String?
    public var isIllustrative: Bool
    public var note: String?

    public init(name: String? = nil, isIllustrative: Bool = false, note: String? = nil) {
        self.name = name
        self.isIllustrative = isIllustrative
        self.note = note
    }

    /// Parses the sidecar YAML; `path` is only used in errors.
    public static func parse(yaml: String, path: String) throws(StaffingErrors) -> DistrictSetInfo {
        var reader = YAMLReader(path: path)
        let map = reader.mapping(
            reader.document(yaml, describing: "'illustrative: true' and a 'note:' about the districts CSV"),
            what: "the districts sidecar", required: [], optional: ["name", "illustrative", "note"])
        var info = DistrictSetInfo()
        if let map {
            info.name = reader.text(map["name"], what: "name")
            info.isIllustrative = reader.bool(map["illustrative"], what: "illustrative") ?? false
            info.note = reader.text(map["note"], what: "note")
        }
        guard reader.errors.isEmpty else { throw StaffingErrors(reader.errors) }
        return info
    }

    /// The sentence a table shows when the figures are illustrative, or `nil` when they are not.
    public var illustrativeNotice: String? {
        guard isIllustrative else { return nil }
        let base = "Figures are illustrative, not actual district data."
        return note.map { "\(base) \($0)" } ?? base
    }
}
