/// A supervisor-to-agent ratio change across Customer Care Centers (e.g. 1:20 → 1:19, 2019).
///
/// Supervisors needed at a ratio are `ceil(agents / ratio)`. Each Care Center also has one
/// Lead Customer Care Quality Spec (``Staffing/leadQualitySpecCode``), whatever its size.
public struct CareCenterRatio: Equatable, Sendable {
    /// A Care Center and its agent count.
    public struct CareCenter: Equatable, Sendable {
        public var name: String
        public var agents: Int

        public init(name: String, agents: Int) {
            self.name = name
            self.agents = agents
        }
    }

    /// Computed staffing for one Care Center (or the totals over all of them).
    public struct Row: Equatable, Sendable {
        public var name: String
        public var agents: Int
        /// Supervisors at the current ratio.
        public var currentSupervisors: Int
        /// Supervisors at the proposed ratio.
        public var proposedSupervisors: Int
        /// Lead Customer Care Quality Specs (1 per Care Center).
        public var leadQualitySpecs: Int

        /// `proposedSupervisors − currentSupervisors`.
        public var difference: Int { proposedSupervisors - currentSupervisors }
    }

    public var name: String
    /// Agents per supervisor today (20 means 1:20).
    public var currentRatio: Int
    /// Agents per supervisor proposed (19 means 1:19).
    public var proposedRatio: Int
    public var isIllustrative: Bool
    public var note: String?
    public var careCenters: [CareCenter]
    /// The letter that proposes this change, relative to Content/, so its dossier can list it.
    public var consultation: String?
    /// Where `consultation` is written in the file (line, column), for errors about it.
    public var consultationLine = 1
    public var consultationColumn = 1

    public init(
        name: String, currentRatio: Int, proposedRatio: Int, isIllustrative: Bool = false, note: String? = nil,
        careCenters: [CareCenter]
    ) {
        self.name = name
        self.currentRatio = currentRatio
        self.proposedRatio = proposedRatio
        self.isIllustrative = isIllustrative
        self.note = note
        self.careCenters = careCenters
    }

    /// One row per Care Center, in file order. Ratios must be positive (parsing guarantees it).
    public var rows: [Row] {
        careCenters.map { center in
            Row(
                name: center.name, agents: center.agents,
                currentSupervisors: Staffing.supervisorsNeeded(agents: center.agents, ratio: currentRatio),
                proposedSupervisors: Staffing.supervisorsNeeded(agents: center.agents, ratio: proposedRatio),
                leadQualitySpecs: Staffing.leadQualitySpecsPerCareCenter)
        }
    }

    /// Sums of ``rows`` (supervisors are summed per center, not recomputed from total agents).
    public var totals: Row {
        let rows = self.rows
        return Row(
            name: "Total", agents: rows.reduce(0) { $0 + $1.agents },
            currentSupervisors: rows.reduce(0) { $0 + $1.currentSupervisors },
            proposedSupervisors: rows.reduce(0) { $0 + $1.proposedSupervisors },
            leadQualitySpecs: rows.reduce(0) { $0 + $1.leadQualitySpecs })
    }

    /// Parses `name`, `current_ratio`, `proposed_ratio`, optional `illustrative`, `note` and
    /// `consultation` (the proposing letter's path), and `care_centers: [{name, agents}]`.
    public static func parse(yaml: String, path: String) throws(StaffingErrors) -> CareCenterRatio {
        var reader = YAMLReader(path: path)
        let map = reader.mapping(
            reader.document(yaml, describing: "a supervisor ratio change (name, ratios, care centers)"),
            what: "the ratio file", required: ["name", "current_ratio", "proposed_ratio", "care_centers"],
            optional: ["illustrative", "note", "consultation"])
        let name = reader.text(map?["name"], what: "name")
        let current = reader.count(map?["current_ratio"], what: "current_ratio (agents per supervisor)", minimum: 1)
        let proposed = reader.count(map?["proposed_ratio"], what: "proposed_ratio (agents per supervisor)", minimum: 1)
        let illustrative = map?["illustrative"] == nil ? false : reader.bool(map?["illustrative"], what: "illustrative")
        let note = reader.text(map?["note"], what: "note")
        let consultation = map?["consultation"] == nil ? nil : reader.text(map?["consultation"], what: "consultation (a letter's path)")
        var centers: [CareCenter] = []
        for item in reader.sequence(map?["care_centers"], what: "care_centers") ?? [] {
            guard let entry = reader.mapping(item, what: "a care center", required: ["name", "agents"]) else { continue }
            let centerName = reader.text(entry["name"], what: "care center name")
            let agents = reader.count(entry["agents"], what: "agents")
            guard let centerName, let agents else { continue }
            if centers.contains(where: { $0.name == centerName }) {
                reader.fail("care center '\(centerName)' is listed twice; keep one entry", at: entry["name"])
                continue
            }
            centers.append(CareCenter(name: centerName, agents: agents))
        }
        guard reader.errors.isEmpty, let name, let current, let proposed, let illustrative else {
            throw StaffingErrors(reader.errors)
        }
        var ratio = CareCenterRatio(
            name: name, currentRatio: current, proposedRatio: proposed, isIllustrative: illustrative, note: note,
            careCenters: centers)
        ratio.consultation = consultation
        if let mark = map?["consultation"]?.mark {
            ratio.consultationLine = mark.line
            ratio.consultationColumn = mark.column
        }
        return ratio
    }
}
