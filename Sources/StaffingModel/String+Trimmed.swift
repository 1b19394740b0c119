import Foundation

extension String {
    /// The string without surrounding whitespace and newlines.
    var trimmed: String {
        // Nearly every value (a count, a district name, a factor key) starts and ends with a visible ASCII
        // character, so there is nothing to trim: Foundation's trimming, which bridges through `NSString`,
        // is left for the rest.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return self
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
