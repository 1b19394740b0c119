import Foundation

/// Makes readable, unique anchor ids from heading text within one page.
package struct Slugger {
    private var used: [String: Int] = [:]

    /// Lowercase ASCII letters and digits joined by hyphens, at most 60 of them; `fallback` when nothing is left.
    package static func slug(_ text: String, fallback: String = "section") -> String {
        // Lowercasing can turn other letters into ASCII ones (the Kelvin sign into k), so only
        // all-ASCII text takes the byte path, which is most headings and every generated one.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeSlug(text, fallback: fallback) }
        var slug: [UInt8] = []
        var pendingHyphen = false
        for byte in text.utf8 {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) {
                if pendingHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(lower)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
            if slug.count >= 60 { break }
        }
        return slug.isEmpty ? fallback : String(decoding: slug, as: UTF8.self)
    }

    /// ``slug(_:fallback:)`` by Unicode scalars, for text that is not all ASCII.
    package static func unicodeSlug(_ text: String, fallback: String = "section") -> String {
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
    package mutating func unique(_ text: String, fallback: String = "section") -> String {
        let base = Self.slug(text, fallback: fallback)
        let count = used[base, default: 0] + 1
        used[base] = count
        return count == 1 ? base : "\(base)-\(count)"
    }
}
