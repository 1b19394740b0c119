extension StaffingData {
    /// Block names a page may use after `staffing`, sorted.
    public static let blockNames = ["bands", "complement", "districts", "factors", "ratio"]

    /// Required and optional parameters per block name.
    static let blockParameters: [String: (required: [String], optional: [String])] = [
        "factors": (["model"], []),
        "bands": (["model"], []),
        "complement": (["complement"], ["codes"]),
        "districts": (["model", "districts"], []),
        "ratio": (["ratio"], []),
    ]

    /// Builds the table for a block from its info string (`staffing NAME key=value ...`).
    ///
    /// Like ``table(named:parameters:catalog:)``, but errors about a parameter carry its column
    /// inside the info string.
    public func table(infoString: String, catalog: [String: PositionLabel]) throws(StaffingBlockError) -> StaffingTable {
        let request = try StaffingBlockRequest.parse(infoString: infoString)
        do {
            return try table(named: request.name, parameters: request.parameters, catalog: catalog)
        } catch {
            var located = error
            if located.column == nil {
                located.column = located.parameter.flatMap { request.parameterColumns[$0] } ?? request.nameColumn
            }
            throw located
        }
    }

    /// Builds the table for the block `name` with its `parameters` (e.g. `["model": "customer-relations-2022"]`).
    ///
    /// Throws, with a message listing the valid choices, for an unknown block name, an unknown
    /// or missing parameter, an unknown stem, an unknown code in `codes=`, a code missing from
    /// `catalog`, or districts data whose columns do not fit the model.
    public func table(
        named name: String, parameters: [String: String], catalog: [String: PositionLabel]
    ) throws(StaffingBlockError) -> StaffingTable {
        guard let spec = Self.blockParameters[name] else {
            throw StaffingBlockError(message:
                "unknown staffing block '\(name)'; valid blocks: \(Self.blockNames.joined(separator: ", "))")
        }
        let allowed = spec.required + spec.optional
        for key in parameters.keys.sorted() where !allowed.contains(key) {
            throw StaffingBlockError(message:
                "unknown parameter '\(key)' for staffing \(name); valid parameters: \(allowed.joined(separator: ", "))",
                parameter: key)
        }
        for key in spec.required where parameters[key] == nil {
            throw StaffingBlockError(message:
                "staffing \(name) needs \(key)=STEM; \(choices(for: key))")
        }
        switch name {
        case "factors":
            return StaffingTable.factors(model: try lookUp(models, "model", parameters))
        case "bands":
            return try StaffingTable.bands(model: try lookUp(models, "model", parameters), catalog: catalog)
        case "complement":
            let codes = parameters["codes"].map { $0.split(separator: ",").map { String($0).trimmed } }
            return try StaffingTable.complement(
                try lookUp(complements, "complement", parameters), codes: codes, catalog: catalog)
        case "districts":
            return try StaffingTable.districts(
                model: try lookUp(models, "model", parameters),
                districts: try lookUp(districtSets, "districts", parameters), catalog: catalog)
        default:
            return try StaffingTable.ratio(try lookUp(ratios, "ratio", parameters), catalog: catalog)
        }
    }

    private func lookUp<Value>(
        _ table: [String: Value], _ key: String, _ parameters: [String: String]
    ) throws(StaffingBlockError) -> Value {
        let stem = parameters[key] ?? ""
        guard let value = table[stem] else {
            throw StaffingBlockError(message: "no \(kindName(key)) named '\(stem)'; \(choices(for: key))", parameter: key)
        }
        return value
    }

    private func kindName(_ key: String) -> String {
        switch key {
        case "model": return "staffing model"
        case "districts": return "districts data"
        case "complement": return "complement"
        default: return "ratio data"
        }
    }

    /// "known models: a, b (files Content/data/STEM.model.yaml)".
    private func choices(for key: String) -> String {
        let (stems, kind): ([String], StaffingDataFile) = switch key {
        case "model": (Array(models.keys), .model)
        case "districts": (Array(districtSets.keys), .districts)
        case "complement": (Array(complements.keys), .complement)
        default: (Array(ratios.keys), .ratio)
        }
        let list = stems.isEmpty ? "none" : stems.sorted().joined(separator: ", ")
        return "valid choices: \(list) (each is a STEM\(kind.suffix) file in the data directory)"
    }
}
