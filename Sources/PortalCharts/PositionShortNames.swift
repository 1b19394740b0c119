import StaffingModel

/// Short names for positions on a chart, e.g. "CRC" for Customer Relations Coordinator, with a key to them.
///
/// Initials of the title's capitalised words, leaving out anything in parentheses. A code without
/// a title, or whose initials another code also gets, is shown by its occupation code instead.
public struct PositionShortNames: Sendable {
    /// Occupation code to the name a chart shows.
    public let names: [String: String]
    /// One entry per code, in the order given: "CRC: Customer Relations Coordinator (2345-5035)".
    public let key: [String]

    public init(codes: [String], catalog: [String: PositionLabel]) {
        var initials: [String: String] = [:]
        for code in codes {
            if let label = catalog[code] { initials[code] = Self.initials(of: label.title) }
        }
        var names: [String: String] = [:]
        for code in codes {
            let mine = initials[code] ?? ""
            let shared = initials.contains { $0.key != code && $0.value == mine }
            names[code] = mine.count < 2 || shared ? code : mine
        }
        self.names = names
        key = codes.compactMap { code in
            guard let name = names[code], name != code, let label = catalog[code] else { return nil }
            return "\(name): \(label.title) (\(code))"
        }
    }

    /// "Customer Relations Specialist (District)" → "CRS".
    static func initials(of title: String) -> String {
        var depth = 0
        var word = ""
        var out = ""
        func finish() {
            if let first = word.first, first.isUppercase { out.append(first) }
            word = ""
        }
        for character in title {
            if character == "(" { finish(); depth += 1; continue }
            if character == ")" { depth = max(depth - 1, 0); continue }
            guard depth == 0 else { continue }
            if character.isLetter { word.append(character) } else { finish() }
        }
        finish()
        return out
    }

    /// "4 CRC + 1 CRS", leaving out codes with none; "no positions" when nothing is earned.
    public func earned(_ earned: [String: Int], codes: [String]) -> String {
        let parts = codes.compactMap { code -> String? in
            let count = earned[code, default: 0]
            return count == 0 ? nil : "\(count) \(names[code] ?? code)"
        }
        return parts.isEmpty ? "no positions" : parts.joined(separator: " + ")
    }
}
