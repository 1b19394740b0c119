/// Current and proposed authorized positions, by occupation code, with differences and totals.
///
/// Data files carry only codes; titles and grades come from the caller's position catalog when
/// the complement is shown, so a row can never be mislabelled in the data.
public struct PositionComplement: Equatable, Sendable {
    /// One occupation code's authorizations.
    public struct Position: Equatable, Sendable {
        public var code: String
        public var current: Int
        public var proposed: Int

        public init(code: String, current: Int, proposed: Int) {
            self.code = code
            self.current = current
            self.proposed = proposed
        }

        /// `proposed − current` (negative for a reduction).
        public var difference: Int { proposed - current }
    }

    public var name: String
    /// Optional sentence shown under the table (e.g. the source of the figures).
    public var note: String?
    public var positions: [Position]

    public init(name: String, note: String? = nil, positions: [Position]) {
        self.name = name
        self.note = note
        self.positions = positions
    }

    public var totalCurrent: Int { positions.reduce(0) { $0 + $1.current } }
    public var totalProposed: Int { positions.reduce(0) { $0 + $1.proposed } }
    public var totalDifference: Int { totalProposed - totalCurrent }

    /// The positions with the given codes, in the order given; unknown codes are skipped.
    public func positions(codes: [String]) -> [Position] {
        codes.compactMap { code in positions.first { $0.code == code } }
    }

    /// Parses `name`, optional `note`, and `positions: [{code, current, proposed}]`.
    public static func parse(yaml: String, path: String) throws(StaffingErrors) -> PositionComplement {
        var reader = YAMLReader(path: path)
        let map = reader.mapping(
            reader.document(yaml, describing: "a complement (name and positions)"),
            what: "the complement", required: ["name", "positions"], optional: ["note"])
        let name = reader.text(map?["name"], what: "name")
        let note = reader.text(map?["note"], what: "note")
        var positions: [Position] = []
        for item in reader.sequence(map?["positions"], what: "positions") ?? [] {
            guard let entry = reader.mapping(item, what: "a position", required: ["code", "current", "proposed"]) else {
                continue
            }
            let code = reader.occupationCode(entry["code"], what: "code")
            let current = reader.count(entry["current"], what: "current")
            let proposed = reader.count(entry["proposed"], what: "proposed")
            guard let code, let current, let proposed else { continue }
            if positions.contains(where: { $0.code == code }) {
                reader.fail("position \(code) is listed twice; keep one entry per code", at: entry["code"])
                continue
            }
            positions.append(Position(code: code, current: current, proposed: proposed))
        }
        guard reader.errors.isEmpty, let name else { throw StaffingErrors(reader.errors) }
        return PositionComplement(name: name, note: note, positions: positions)
    }
}
