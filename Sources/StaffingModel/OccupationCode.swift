/// Occupation codes as written in the letter, e.g. `2345-5035`.
enum OccupationCode {
    /// Whether `code` is four digits, a hyphen and four digits.
    static func isValid(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { $0.count == 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
