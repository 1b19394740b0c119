import Foundation

/// JSON for `<script type="application/ld+json">` data blocks, safe to place inside the element.
enum JSONScript {
    /// Sorted-key JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`.
    ///
    /// A content string holding `</script>` or `<!--` can then never end the
    /// data block early; JSON parsers read the escapes back as the same text.
    static func encode(_ object: Any) -> String {
        var json: [UInt8] = []
        if !append(object, to: &json) {
            guard JSONSerialization.isValidJSONObject(object),
                  let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            else { return "{}" }
            json = Array(data)
        }
        // Every byte replaced is ASCII or the start of U+2028/U+2029 (E2 80 A8/A9), so a byte walk is exact.
        var out: [UInt8] = []
        out.reserveCapacity(json.count + 64)
        var index = 0
        while index < json.count {
            let byte = json[index]
            switch byte {
            case UInt8(ascii: "<"): out.append(contentsOf: #"\u003c"#.utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: #"\u003e"#.utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: #"\u0026"#.utf8)
            case 0xE2 where index + 2 < json.count && json[index + 1] == 0x80 && (json[index + 2] == 0xA8 || json[index + 2] == 0xA9):
                out.append(contentsOf: (json[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `object` as JSON written exactly as `JSONSerialization` with `.sortedKeys` writes it,
    /// for strings, booleans, integers, arrays and string-keyed dictionaries; false for anything else.
    ///
    /// Foundation's serializer bridged every string through NSString, which made
    /// the Q&A pages' data blocks a visible part of a build. `JSONScriptTests`
    /// compares the two writers.
    static func append(_ object: Any, to out: inout [UInt8]) -> Bool {
        switch object {
        case let string as String:
            appendString(string, to: &out)
        case let flag as Bool:
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case let number as Int:
            out.append(contentsOf: String(number).utf8)
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard append(element, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case let dictionary as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (index, key) in dictionary.keys.sorted(by: foundationOrder).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                guard append(dictionary[key]!, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        default:
            return false
        }
        return true
    }

    /// The order `JSONSerialization` sorts keys in: numeric, case-insensitive, ties broken by code point.
    private static func foundationOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex, locale: NSLocale.system)
            == .orderedAscending
    }

    private static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/"): out.append(contentsOf: #"\/"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
