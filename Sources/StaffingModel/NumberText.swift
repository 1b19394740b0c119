import Foundation

/// Locale-independent number parsing and formatting for data files and tables.
///
/// Formatting never depends on the machine's locale, so the site and its tests render the
/// same text everywhere.
enum NumberText {
    /// The minus sign used for negative figures in tables: U+2212 MINUS SIGN, not a hyphen.
    static let minus = "\u{2212}"

    /// Parses `123`, `-4`, `187.00`; rejects anything else (exponents, commas, units, spaces).
    static func decimal(_ text: String) -> Decimal? {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The largest count a data file may give. Far above any real figure, and small enough that totals
    /// of many such counts stay well inside `Int`, where an overflow would stop the build with a trap.
    public static let largestCount = 1_000_000_000

    /// Whether `text` is written as digits only, with an optional leading `-`, whatever its size.
    static func isWholeNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// What is wrong with `text` as a count of at most ``largestCount``, for a message that goes on
    /// "`what` …"; nil when it is one.
    static func countProblem(_ text: String) -> String? {
        guard isWholeNumber(text) else { return nil }
        if text.hasPrefix("-") { return nil }
        guard let value = Int(text), value <= largestCount else {
            let shown = text.count > 20 ? "a \(text.count)-digit number" : text
            return "is too large (\(shown)); a count is at most \(largestCount)"
        }
        return nil
    }

    /// Parses a whole number written as digits only (optionally with a leading `-`).
    static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// Rounds half away from zero (`.plain`, i.e. half-up for the non-negative scores here).
    static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, .plain)
        return output
    }

    /// `value` rounded half-up to `places` decimals and written with exactly that many, e.g. "102.00".
    static func fixed(_ value: Decimal, places: Int = 2) -> String {
        let text = rounded(value, places: places).description
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, places - fraction.count))
        let body = places > 0 ? "\(whole).\(fraction)" : whole
        return negative && body.contains(where: { $0 != "0" && $0 != "." }) ? minus + body : body
    }

    /// A whole number with comma thousands separators, e.g. "1,234"; negatives use ``minus``.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? minus + out : out
    }

    /// A change with an explicit sign: "+7", "0", "−3" (U+2212), grouped like ``grouped(_:)``.
    static func signed(_ value: Int) -> String {
        value > 0 ? "+" + grouped(value) : grouped(value)
    }
}
