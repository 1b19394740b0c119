/// A rule that lets listed districts keep one position they did not earn, at the cost of another.
///
/// When a listed district earns 0 of `retain`, it gets 1 of `retain` and its `inLieuOf` count
/// becomes `max(earned − 1, 0)`. The rule is applied literally, so it also applies to a listed
/// district whose score is below the minimum (it then gets 1 of `retain` and nothing else).
/// District names match ignoring case and surrounding spaces.
public struct BandException: Equatable, Hashable, Sendable, Codable {
    public var districts: [String]
    public var retain: String
    public var inLieuOf: String

    public init(districts: [String], retain: String, inLieuOf: String) {
        self.districts = districts
        self.retain = retain
        self.inLieuOf = inLieuOf
    }

    /// Whether `district` is one of ``districts``.
    public func applies(to district: String) -> Bool {
        let wanted = district.trimmed.lowercased()
        return districts.contains { $0.trimmed.lowercased() == wanted }
    }

    /// Applies the rule to `earned`; returns the adjusted counts and a flag, or `nil` flag when unchanged.
    ///
    /// The flag reads "exception: retains 2370-0671 in lieu of one 2345-5035", or
    /// "exception: retains 2370-0671" when there was no `inLieuOf` position to give up.
    public func apply(to earned: [String: Int], district: String) -> (earned: [String: Int], flag: String?) {
        guard applies(to: district), earned[retain, default: 0] == 0 else { return (earned, nil) }
        var adjusted = earned
        let given = earned[inLieuOf, default: 0]
        adjusted[retain] = 1
        adjusted[inLieuOf] = Swift.max(given - 1, 0)
        let flag = given > 0
            ? "exception: retains \(retain) in lieu of one \(inLieuOf)"
            : "exception: retains \(retain)"
        return (adjusted, flag)
    }
}
