/// Formats `YYYY-MM-DD` dates the way the letters write them: "August 30, 2022".
enum DateText {
    private static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func long(_ isoDate: String) -> String {
        let parts = isoDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return isoDate }
        return "\(months[parts[1] - 1]) \(parts[2]), \(parts[0])"
    }
}
