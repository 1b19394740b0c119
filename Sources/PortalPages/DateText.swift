
/// Formats `YYYY-MM-DD` dates the way the letters write them: "August 30, 2022".
package enum DateText {
    private static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    package static func long(_ isoDate: String) -> String {
        // Every page shows several dates; a checked `YYYY-MM-DD` is read by bytes, anything else the general way.
        var text = isoDate
        let digits = text.withUTF8 { bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                    value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
        if let (year, month, day) = digits, (1...12).contains(month) {
            return "\(months[month - 1]) \(day), \(year)"
        }
        let parts = isoDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return isoDate }
        return "\(months[parts[1] - 1]) \(parts[2]), \(parts[0])"
    }
}
