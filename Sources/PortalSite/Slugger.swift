/// Makes readable, unique anchor ids from heading text within one page.
struct Slugger {
    private var used: [String: Int] = [:]

    /// Lowercase ASCII letters and digits joined by hyphens; `fallback` when nothing is left.
    static func slug(_ text: String, fallback: String = "section") -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
            if slug.count >= 60 { break }
        }
        return slug.isEmpty ? fallback : slug
    }

    /// A slug not yet used on this page: `duties`, then `duties-2`, `duties-3`.
    mutating func unique(_ text: String, fallback: String = "section") -> String {
        let base = Self.slug(text, fallback: fallback)
        let count = used[base, default: 0] + 1
        used[base] = count
        return count == 1 ? base : "\(base)-\(count)"
    }
}

import Foundation
