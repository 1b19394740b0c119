import Foundation

extension String {
    /// The string without surrounding whitespace and newlines.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
