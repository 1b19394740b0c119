/// JSON-compatible JavaScript literals that are safe inside a script file and an HTML page.
///
/// Besides the JSON escapes, `<`, `>`, `&`, `'` and U+2028/U+2029 are written
/// as `\uXXXX`, so no content can close a `<script>` element, open a comment or
/// end a line inside a string literal, whatever it contains.
public enum JavaScriptLiteral {
    public static func string(_ text: String) -> String {
        if !needsEscapes(text) { return "\"" + text + "\"" }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func optional(_ text: String?) -> String {
        text.map(string) ?? "null"
    }

    public static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ",") + "]"
    }

    /// An object literal from already-encoded values, keys in the order given.
    public static func object(_ members: [(key: String, value: String)]) -> String {
        // Into one buffer sized up front, rather than a string per member and per key, then joined:
        // the code table has thousands of entries.
        var out: [UInt8] = []
        out.reserveCapacity(members.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 4 })
        out.append(0x7B)
        for (index, member) in members.enumerated() {
            if index > 0 { out.append(0x2C) }
            append(member.key, to: &out)
            out.append(0x3A)
            out += member.value.utf8
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of `string(text)` to `out`, copying the runs between escapes whole.
    static func append(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            escapeClasses.withUnsafeBufferPointer { classes in
                var copied = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if classes[Int(byte)] == 0 {
                        index += 1
                        continue
                    }
                    // 0xE2 starts U+2028 and U+2029 (E2 80 A8/A9) among other, harmless, scalars.
                    var length = 1
                    if byte == 0xE2 {
                        guard index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 else {
                            index += 1
                            continue
                        }
                        length = 3
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    if length == 3 {
                        appendUnicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                    } else {
                        appendEscape(byte, to: &out)
                    }
                    index += length
                    copied = index
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
            }
        }
        out.append(0x22)
    }

    /// Whether `text` has any byte that `append` would not copy as it is.
    static func needsEscapes(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            escapeClasses.withUnsafeBufferPointer { classes in bytes.contains { classes[Int($0)] != 0 } }
        }
    }

    /// By byte: 1 for those that are escaped or may start an escaped scalar (0xE2), else 0.
    private static let escapeClasses: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0..<0x20, 0x22, 0x5C, 0x7F, 0x3C, 0x3E, 0x26, 0x27, 0xE2: 1
        default: 0
        }
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out += [0x5C, 0x22]  // \"
        case 0x5C: out += [0x5C, 0x5C]  // \\
        case 0x0A: out += [0x5C, 0x6E]  // \n
        case 0x0D: out += [0x5C, 0x72]  // \r
        case 0x09: out += [0x5C, 0x74]  // \t
        default: appendUnicodeEscape(UInt32(byte), to: &out)
        }
    }

    /// `\uXXXX` with lowercase hex digits.
    private static func appendUnicodeEscape(_ value: UInt32, to out: inout [UInt8]) {
        out.append(0x5C)
        out.append(0x75)
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((value >> UInt32(shift)) & 0xF)
            out.append(digit < 10 ? 0x30 + digit : 0x61 + digit - 10)
        }
    }
}
