import Mustache

/// Escaping for text placed in HTML, both outside the templates and in their `{{value}}` tags.
package enum HTML {
    /// Escapes `& < > " '` so the result is safe in text and in quoted attributes.
    ///
    /// Works on UTF-8 bytes, not `Character`s: a quote followed by a combining
    /// mark is one `Character` that is not equal to `"`, so a Character walk
    /// (like swift-mustache's own escaping) leaves that quote bare and lets the
    /// text end an attribute. It also needs no grapheme breaking.
    package static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: needsEscape) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            appendEscaped(UnsafeBufferPointer(rebasing: bytes[first...]), to: &out)
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Appends `text`, escaped as ``escape(_:)`` does, to a byte buffer.
    package static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Most words need no escaping: one copy.
        guard bytes.contains(where: needsEscape) else {
            out.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }

    /// The content type the theme's templates render with, so `{{value}}` tags escape with ``escape(_:)``.
    package struct TemplateContentType: MustacheContentType {
        package static let name = "PORTAL_HTML"

        package func escapeText(_ text: String) -> String { HTML.escape(text) }

        /// Registers the content type with swift-mustache, once per process, before any template is parsed.
        package static let registered: Void = MustacheContentTypes.register(TemplateContentType(), named: name)

        /// Put before each template's text: swift-mustache only uses a registered content type through this pragma.
        package static let pragma = "{{% CONTENT_TYPE: \(name) }}"
    }
}
