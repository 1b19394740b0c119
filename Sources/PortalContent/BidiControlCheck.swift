import Foundation
import PortalBytes

/// Warns about invisible Unicode bidirectional controls, which can make published text display reversed.
///
/// Nothing runs from them, but a title with U+202E can show "fdp.exe" as
/// "exe.pdf"; official material should not carry such characters by accident.
enum BidiControlCheck {
    /// U+202A–U+202E and U+2066–U+2069; compared as numbers, not through a set: every scalar of every title is checked on every build.
    static func controls(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    static func check(_ site: ContentSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for document in site.documents {
            for (field, value) in [("title", document.title), ("summary", document.summary ?? "")] {
                if let scalar = value.unicodeScalars.first(where: controls) {
                    let location = document.location(ofField: field)
                    diagnostics.append(warning(scalar, in: "field '\(field)'", path: document.displayPath, line: location.line, column: location.column))
                }
            }
            // Every control is U+202x or U+206x, whose UTF-8 starts with 0xE2; most bodies have none, so skip their lines.
            // From the document's noted facts when known, so that a body left unread stays unread.
            guard document.bodyMayContainBidiControl else { continue }
            for (index, line) in document.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let position = line.unicodeScalars.firstIndex(where: controls) else { continue }
                let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: position) + 1
                diagnostics.append(warning(
                    line.unicodeScalars[position], in: "the text", path: document.displayPath,
                    line: document.bodyLineOffset + index + 1, column: column))
            }
        }
        return diagnostics
    }

    /// Whether `text` holds a control, found by its UTF-8 bytes: E2 80 AA–AE (U+202A–U+202E) or
    /// E2 81 A6–A9 (U+2066–U+2069). Dashes and quotes also start with E2, so the whole sequence is checked.
    static func mayContainControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 3 else { return false }
            // A lead byte in the last two places has no sequence after it.
            let leads = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - 2)])
            var start = 0
            while let index = ByteSearch.firstIndex(of: 0xE2, in: leads, from: start) {
                let (second, third) = (bytes[index + 1], bytes[index + 2])
                if (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) { return true }
                start = index + 1
            }
            return false
        }
    }

    private static func warning(_ scalar: Unicode.Scalar, in place: String, path: String, line: Int, column: Int) -> Diagnostic {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
        return Diagnostic(
            .warning, path: path, line: line, column: column,
            message: "\(place) contains the invisible bidirectional control \(code), which can make text display reversed; delete it")
    }
}
