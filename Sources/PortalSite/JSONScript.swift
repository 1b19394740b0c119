import Foundation

/// JSON for `<script type="application/ld+json">` data blocks, safe to place inside the element.
enum JSONScript {
    /// Sorted-key JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`.
    ///
    /// A content string holding `</script>` or `<!--` can then never end the
    /// data block early; JSON parsers read the escapes back as the same text.
    static func encode(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        else { return "{}" }
        // Every byte replaced is ASCII or the start of U+2028/U+2029 (E2 80 A8/A9), so a byte walk is exact.
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 64)
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "<"): out.append(contentsOf: #"\u003c"#.utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: #"\u003e"#.utf8)
                case UInt8(ascii: "&"): out.append(contentsOf: #"\u0026"#.utf8)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    out.append(contentsOf: (bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
