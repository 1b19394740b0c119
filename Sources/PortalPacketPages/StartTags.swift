import PortalBytes
import PortalContent

/// Chosen start tags of the portal's own HTML, found and edited in one pass over its UTF-8 bytes.
///
/// The input is HTML this program generated: text is escaped and attribute
/// values are quoted, so `<` only opens a tag and `"` only delimits a value.
/// Bytes rather than Swift `Regex`: a proposal's copies pass every packet of a
/// site through here, and the regex engine took minutes at 10,000 documents.
package enum StartTags {
    package struct Tag {
        /// The element name, in lowercase.
        package let name: String
        /// The attributes in order; nil for one written without a value.
        package var attributes: [(name: String, value: String?)]

        package func value(of attribute: String) -> String? {
            attributes.first { $0.name == attribute }?.value ?? nil
        }

        /// Sets `attribute` to `value`, in its place, or appended when the tag lacks it; nil removes it.
        package mutating func set(_ attribute: String, _ value: String?) {
            if let index = attributes.firstIndex(where: { $0.name == attribute }) {
                if let value { attributes[index].value = value } else { attributes.remove(at: index) }
            } else if let value {
                attributes.append((attribute, value))
            }
        }

        var html: String {
            "<" + name + attributes.map { " " + $0.name + ($0.value.map { "=\"\($0)\"" } ?? "") }.joined() + ">"
        }
    }

    package enum Edit {
        /// The tag as it was.
        case keep
        /// This tag instead.
        case replace(Tag)
        /// No tag (for a void element such as `<link>`).
        case remove
        /// No element: the tag, what it holds and its end tag go.
        case removeElement
    }

    /// `html` with each start tag named in `names` edited by `edit`; everything else is copied as it is.
    package static func rewrite(_ html: String, names: Set<String>, _ edit: (Tag) -> Edit) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        let lt = UInt8(ascii: "<")
        // A tag whose name is longer than every wanted one needs no string made of its name.
        let longest = names.map(\.utf8.count).max() ?? 0
        var index = 0
        while index < bytes.count {
            guard let open = ByteSearch.firstIndex(of: lt, in: bytes, from: index) else {
                out.append(contentsOf: bytes[index...])
                break
            }
            out.append(contentsOf: bytes[index..<open])
            var nameEnd = open + 1
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            // Name bytes are ASCII letters, digits and hyphens, so lowercasing them is lowercasing the name.
            let name = nameEnd - open - 1 > longest ? "" : String(unsafeUninitializedCapacity: nameEnd - open - 1) { buffer in
                for (offset, byte) in bytes[(open + 1)..<nameEnd].enumerated() { buffer[offset] = byte &- 0x41 < 26 ? byte | 0x20 : byte }
                return nameEnd - open - 1
            }
            guard nameEnd > open + 1, names.contains(name), let close = tagEnd(bytes, from: nameEnd) else {
                out.append(contentsOf: bytes[open..<max(nameEnd, open + 1)])
                index = max(nameEnd, open + 1)
                continue
            }
            let tag = Tag(name: name, attributes: attributes(bytes[nameEnd..<close]))
            index = close + 1
            switch edit(tag) {
            case .keep: out.append(contentsOf: bytes[open...close])
            case .replace(let replacement): out.append(contentsOf: Array(replacement.html.utf8))
            case .remove: index = skipNewline(bytes, index)
            case .removeElement:
                let endTag = Array("</\(name)>".utf8)
                index = ByteSearch.firstRange(of: endTag, in: bytes, from: index).map { skipNewline(bytes, $0.upperBound) } ?? bytes.count
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
    }

    /// The `>` that ends the tag, outside quoted values.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var inQuotes = false
        for index in start..<bytes.count {
            if bytes[index] == UInt8(ascii: "\"") { inQuotes.toggle() } else if bytes[index] == UInt8(ascii: ">") && !inQuotes { return index }
        }
        return nil
    }

    private static func attributes(_ bytes: ArraySlice<UInt8>) -> [(name: String, value: String?)] {
        var result: [(name: String, value: String?)] = []
        var index = bytes.startIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: "/") }
        while index < bytes.endIndex {
            while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.endIndex else { break }
            let nameStart = index
            while index < bytes.endIndex, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            if index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "\"") {
                let valueStart = index + 2
                let valueEnd = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) ?? bytes.endIndex
                result.append((name, String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)))
                index = min(valueEnd + 1, bytes.endIndex)
            } else if index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") {
                let valueStart = index + 1
                index = valueStart
                while index < bytes.endIndex, !isSpace(bytes[index]) { index += 1 }
                result.append((name, String(decoding: bytes[valueStart..<index], as: UTF8.self)))
            } else {
                result.append((name, nil))
            }
        }
        return result
    }

    private static func skipNewline(_ bytes: [UInt8], _ index: Int) -> Int {
        index < bytes.count && bytes[index] == 0x0A ? index + 1 : index
    }
}
