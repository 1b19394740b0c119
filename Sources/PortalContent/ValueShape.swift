/// The whole-value shapes front matter checks (occupation codes, grades, dates), matched by bytes.
///
/// Several run for every document on every build, and a byte comparison does what a Swift `Regex`
/// whole match did at a small part of its cost. Every shape is ASCII, and an ASCII byte is a whole `Character` unless a
/// combining mark follows it, which makes the value longer than the shape; so matching the UTF-8
/// bytes exactly accepts the same values the patterns did. `ValueShapeTests` compares the two.
enum ValueShape {
    /// `NNNN-NNNN`, as `/[0-9]{4}-[0-9]{4}/` matched a whole value.
    static func isOccupationCode(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        return bytes.count == 9 && bytes[4] == UInt8(ascii: "-")
            && bytes[0..<4].allSatisfy(isDigit) && bytes[5..<9].allSatisfy(isDigit)
    }

    /// A pay schedule and two digits, `EAS-17` or `P7-06`, as `/[A-Z][A-Z0-9]{0,3}-[0-9]{2}/` matched a whole value.
    static func isGrade(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (4...7).contains(bytes.count), isUppercase(bytes[0]) else { return false }
        let hyphen = bytes.count - 3
        return bytes[hyphen] == UInt8(ascii: "-") && bytes[1..<hyphen].allSatisfy { isUppercase($0) || isDigit($0) }
            && bytes[(hyphen + 1)...].allSatisfy(isDigit)
    }

    /// The year, month and day of `YYYY-MM-DD`, as `/([0-9]{4})-([0-9]{2})-([0-9]{2})/` matched a whole value;
    /// not checked to be a real date.
    static func dateParts(_ value: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(value.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDigit(bytes[$0]) })
        else { return nil }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        return (number(0..<4), number(5..<7), number(8..<10))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isUppercase(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
}
