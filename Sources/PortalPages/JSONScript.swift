import Foundation

/// JSON for `<script type="application/ld+json">` data blocks, safe to place inside the element.
package enum JSONScript {
    /// Sorted-key JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`.
    ///
    /// A content string holding `</script>` or `<!--` can then never end the
    /// data block early; JSON parsers read the escapes back as the same text.
    package static func encode(_ object: Any) -> String {
        var json: [UInt8] = []
        if !append(object, to: &json) {
            guard JSONSerialization.isValidJSONObject(object),
                  let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            else { return "{}" }
            json = Array(data)
        }
        // Every byte replaced is ASCII or the start of U+2028/U+2029 (E2 80 A8/A9), so a byte walk is exact.
        // Runs of bytes that stay as they are are copied whole.
        var out: [UInt8] = []
        out.reserveCapacity(json.count + 64)
        json.withUnsafeBufferPointer { json in
            var index = 0, copied = 0
            while index < json.count {
                let byte = json[index]
                let replacement: StaticString?
                var length = 1
                switch byte {
                case UInt8(ascii: "<"): replacement = #"\u003c"#
                case UInt8(ascii: ">"): replacement = #"\u003e"#
                case UInt8(ascii: "&"): replacement = #"\u0026"#
                case 0xE2 where index + 2 < json.count && json[index + 1] == 0x80 && (json[index + 2] == 0xA8 || json[index + 2] == 0xA9):
                    replacement = json[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#
                    length = 3
                default: replacement = nil
                }
                if let replacement {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: json[copied..<index]))
                    out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                    copied = index + length
                }
                index += length
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: json[copied...]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `object` as JSON written exactly as `JSONSerialization` with `.sortedKeys` writes it,
    /// for strings, booleans, integers, arrays and string-keyed dictionaries; false for anything else.
    ///
    /// Foundation's serializer bridges every string through NSString, and every
    /// Q&A page writes data blocks. `JSONScriptTests`
    /// compares the two writers.
    package static func append(_ object: Any, to out: inout [UInt8]) -> Bool {
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
            for (index, key) in KeyOrder.shared.sorted(Array(dictionary.keys)).enumerated() {
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

    /// Keys in ``foundationOrder(_:_:)``, remembered by key set: the same few dictionaries' keys are sorted
    /// for every question of every Q&A page, and each comparison goes through `NSString`.
    package final class KeyOrder: @unchecked Sendable {
        package static let shared = KeyOrder()
        private let lock = NSLock()
        private var known: [[String]: [String]] = [:]

        package func sorted(_ keys: [String]) -> [String] {
            let set = keys.sorted()
            if let order = lock.withLock({ known[set] }) { return order }
            let order = keys.sorted(by: JSONScript.foundationOrder)
            lock.withLock { if known.count < 256 { known[set] = order } }
            return order
        }
    }

    /// The order `JSONSerialization` sorts keys in: numeric, case-insensitive, ties broken by code point.
    package static func foundationOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex, locale: NSLocale.system)
            == .orderedAscending
    }

    private static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Runs that need no escape are copied whole; most text is one run.
            var copied = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                copied = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "/"): out.append(contentsOf: #"\/"#.utf8)
                case 0x08: out.append(contentsOf: #"\b"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0C: out.append(contentsOf: #"\f"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
