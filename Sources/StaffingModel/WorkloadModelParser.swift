import Foundation
import Yams

/// Reads and validates a `*.model.yaml` file, reporting each problem at its YAML node.
struct WorkloadModelParser {
    private var reader: YAMLReader

    /// The resolution of band bounds: adjacent bands meet exactly one step apart.
    static let step = Decimal(sign: .plus, exponent: -2, significand: 1)

    init(path: String) {
        reader = YAMLReader(path: path)
    }

    var errors: [StaffingError] { reader.errors }

    /// A band as read, with the nodes its validation errors point at.
    private struct ReadBand {
        var band: ScoreBand
        var codes: [String]
        var minNode: Node
        var maxNode: Node
        var earnedNode: Node
    }

    /// Returns the model, or `nil` when something is missing; check ``errors`` either way.
    mutating func parse(_ text: String) -> WorkloadModel? {
        let root = reader.document(text, describing: "a staffing model (name, standardization, factors, bands)")
        guard let map = reader.mapping(
            root, what: "the model", required: ["name", "standardization", "factors", "bands"],
            optional: ["exceptions"])
        else { return nil }

        let name = reader.text(map["name"], what: "name")
        let standardization = readStandardization(map["standardization"])
        let factors = readFactors(map["factors"], keyNode: map.keyNode("factors"))
        let bands = readBands(map["bands"])
        let codes = bands?.first?.codes ?? []
        let exceptions = readExceptions(map["exceptions"], codes: bands == nil ? nil : codes)

        guard let name, let standardization, let factors, let bands, let exceptions else { return nil }
        return WorkloadModel(
            name: name, standardization: standardization, factors: factors, bands: bands.map(\.band),
            exceptions: exceptions, occupationCodes: codes)
    }

    private mutating func readStandardization(_ node: Node?) -> WorkloadModel.Standardization? {
        guard let text = reader.text(node, what: "standardization") else { return nil }
        guard let method = WorkloadModel.Standardization(rawValue: text) else {
            let valid = WorkloadModel.Standardization.allCases.map(\.rawValue).joined(separator: ", ")
            reader.fail("unknown standardization '\(text)'; valid methods: \(valid)", at: node)
            return nil
        }
        return method
    }

    // MARK: Factors

    private mutating func readFactors(_ node: Node?, keyNode: Node?) -> [WorkloadFactor]? {
        guard let items = reader.sequence(node, what: "factors") else { return nil }
        var factors: [WorkloadFactor] = []
        var complete = true
        for item in items {
            guard let map = reader.mapping(item, what: "a factor", required: ["key", "label", "weight"]) else {
                complete = false
                continue
            }
            let key = readFactorKey(map["key"], existing: factors.map(\.key))
            let label = reader.text(map["label"], what: "factor label")
            let weight = readWeight(map["weight"])
            guard let key, let label, let weight else {
                complete = false
                continue
            }
            factors.append(WorkloadFactor(key: key, label: label, weight: weight))
        }
        guard complete else { return nil }
        let total = factors.reduce(Decimal(0)) { $0 + $1.weight }
        guard total == 100 else {
            let weights = factors.map { "\($0.key) \($0.weight)" }.joined(separator: ", ")
            reader.fail(
                "factor weights sum to \(total), not 100 (\(weights)); adjust the weights so they total 100",
                at: keyNode ?? node)
            return nil
        }
        return factors
    }

    private mutating func readFactorKey(_ node: Node?, existing: [String]) -> String? {
        guard let key = reader.text(node, what: "factor key") else { return nil }
        let allowed = key.first.map { $0.isASCII && $0.isLowercase } == true
            && key.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
        if !allowed {
            reader.fail(
                "factor key '\(key)' must be lowercase letters, digits and underscores, starting with a letter (it names a CSV column), e.g. c360_service_requests",
                at: node)
            return nil
        }
        if key == "district" {
            reader.fail("factor key can't be 'district'; that CSV column holds the district name; choose another key", at: node)
            return nil
        }
        if existing.contains(key) {
            reader.fail("factor key '\(key)' is used twice; give each factor its own key", at: node)
            return nil
        }
        return key
    }

    private mutating func readWeight(_ node: Node?) -> Decimal? {
        guard let weight = reader.decimal(node, what: "weight") else { return nil }
        guard weight > 0, weight <= 100 else {
            reader.fail("weight must be a percentage above 0 and at most 100, found \(weight); remove a factor that carries no weight", at: node)
            return nil
        }
        return weight
    }

    // MARK: Bands

    private mutating func readBands(_ node: Node?) -> [ReadBand]? {
        guard let items = reader.sequence(node, what: "bands") else { return nil }
        var bands: [ReadBand] = []
        var complete = true
        for item in items {
            if let band = readBand(item, firstCodes: bands.first?.codes) { bands.append(band) } else { complete = false }
        }
        guard complete, checkOrder(bands) else { return nil }
        return bands
    }

    private mutating func readBand(_ node: Node, firstCodes: [String]?) -> ReadBand? {
        guard let map = reader.mapping(node, what: "a band", required: ["min", "max", "earned"]),
              let minNode = map["min"], let maxNode = map["max"], let earnedNode = map["earned"]
        else { return nil }
        let min = readBound(minNode, what: "min")
        let max = readBound(maxNode, what: "max")
        let earned = readEarned(earnedNode, firstCodes: firstCodes)
        guard let min, let max, let earned else { return nil }
        guard min <= max else {
            reader.fail("band max \(NumberText.fixed(max)) is below its min \(NumberText.fixed(min)); swap them", at: maxNode)
            return nil
        }
        return ReadBand(
            band: ScoreBand(min: min, max: max, earned: Dictionary(uniqueKeysWithValues: earned)),
            codes: earned.map(\.0), minNode: minNode, maxNode: maxNode, earnedNode: earnedNode)
    }

    private mutating func readBound(_ node: Node, what: String) -> Decimal? {
        guard let value = reader.decimal(node, what: "band \(what)") else { return nil }
        guard NumberText.rounded(value, places: 2) == value else {
            reader.fail("band \(what) \(value) is finer than 0.01; scores are compared at 2 decimals, so use at most 2 decimals", at: node)
            return nil
        }
        return value
    }

    /// Reads `earned`, in file order; every band must list the same codes as the first band.
    private mutating func readEarned(_ node: Node, firstCodes: [String]?) -> [(String, Int)]? {
        guard let mapping = node.mapping else {
            reader.fail("earned must map occupation codes to counts, e.g. {\"2345-5035\": 4, \"2370-0671\": 1}", at: node)
            return nil
        }
        var earned: [(String, Int)] = []
        var complete = true
        for (key, value) in mapping {
            guard let code = reader.occupationCode(key, what: "occupation code") else {
                complete = false
                continue
            }
            if let firstCodes, !firstCodes.contains(code) {
                reader.fail("code \(code) is not earned in the first band; list the same codes in every band (\(firstCodes.joined(separator: ", ")))", at: key)
                complete = false
            }
            guard let count = reader.count(value, what: "earned count for \(code)") else {
                complete = false
                continue
            }
            earned.append((code, count))
        }
        if mapping.count == 0 {
            reader.fail("earned lists no positions; add at least one, e.g. {\"2345-5035\": 1}", at: node)
            return nil
        }
        let missing = (firstCodes ?? []).filter { code in !earned.contains { $0.0 == code } }
        if complete && !missing.isEmpty {
            let additions = missing.map { "\"\($0)\": 0" }.joined(separator: ", ")
            reader.fail(
                "this band gives no count for \(missing.joined(separator: ", ")); every band lists the same codes, so add \(additions) if it earns none",
                at: node)
            complete = false
        }
        return complete ? earned : nil
    }

    /// Checks that bands run one way (the letter lists them highest first) and meet at 0.01 steps.
    private mutating func checkOrder(_ bands: [ReadBand]) -> Bool {
        guard bands.count >= 2 else { return true }
        let descending = bands[1].band.min < bands[0].band.min
        var valid = true
        for (previous, next) in zip(bands, bands.dropFirst()) {
            let (earlier, later) = descending ? (next, previous) : (previous, next)
            // The node at fault is always in the band listed second (`next`).
            let faultNode = descending ? next.maxNode : next.minNode
            let wanted = descending
                ? "set max to \(NumberText.fixed(later.band.min - Self.step))"
                : "set min to \(NumberText.fixed(earlier.band.max + Self.step))"
            if later.band.min <= earlier.band.min {
                let order = descending ? "highest to lowest" : "lowest to highest"
                reader.fail(
                    "band \(next.band.range.label) is out of order; the bands run from \(order), so move it", at: next.minNode)
                valid = false
            } else if later.band.min <= earlier.band.max {
                reader.fail(
                    "band \(next.band.range.label) overlaps band \(previous.band.range.label); a score may fall in only one band, so \(wanted)",
                    at: faultNode)
                valid = false
            } else if later.band.min - earlier.band.max != Self.step {
                let gap = ScoreRange(
                    min: earlier.band.max + Self.step, max: later.band.min - Self.step)
                reader.fail(
                    "gap between bands \(earlier.band.range.label) and \(later.band.range.label): scores \(gap.label) fall in no band; \(wanted)",
                    at: faultNode)
                valid = false
            }
        }
        return valid
    }

    // MARK: Exceptions

    /// Reads exceptions; `codes` are the bands' codes, or `nil` when the bands failed to read.
    private mutating func readExceptions(_ node: Node?, codes: [String]?) -> [BandException]? {
        guard let node else { return [] }
        guard let items = reader.sequence(node, what: "exceptions", nonEmpty: false) else { return nil }
        var exceptions: [BandException] = []
        var complete = true
        for item in items {
            guard let map = reader.mapping(item, what: "an exception", required: ["districts", "retain", "in_lieu_of"]) else {
                complete = false
                continue
            }
            let districts = readDistrictNames(map["districts"])
            let retain = readExceptionCode(map["retain"], what: "retain", codes: codes)
            let inLieuOf = readExceptionCode(map["in_lieu_of"], what: "in_lieu_of", codes: codes)
            guard let districts, let retain, let inLieuOf else {
                complete = false
                continue
            }
            if retain == inLieuOf {
                reader.fail("retain and in_lieu_of are both \(retain); an exception trades one position for a different one", at: map["in_lieu_of"])
                complete = false
                continue
            }
            exceptions.append(BandException(districts: districts, retain: retain, inLieuOf: inLieuOf))
        }
        return complete ? exceptions : nil
    }

    private mutating func readDistrictNames(_ node: Node?) -> [String]? {
        guard let items = reader.sequence(node, what: "exception districts") else { return nil }
        let names = items.map { reader.text($0, what: "district name") }
        return names.contains(where: { $0 == nil }) ? nil : names.compactMap { $0 }
    }

    private mutating func readExceptionCode(_ node: Node?, what: String, codes: [String]?) -> String? {
        guard let code = reader.occupationCode(node, what: what) else { return nil }
        if let codes, !codes.contains(code) {
            reader.fail("\(what) code \(code) is not earned in any band; use one of: \(codes.joined(separator: ", "))", at: node)
            return nil
        }
        return code
    }
}
