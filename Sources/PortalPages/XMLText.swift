import PortalRender

/// Escaping for XML text and attributes; drops the control characters XML 1.0 cannot carry.
package enum XMLText {
    package static func escape(_ text: String) -> String {
        // Most text has nothing to drop, and every sitemap entry comes here, so such text skips filtering scalars.
        // Only control characters other than tab and line ends, and U+FFFE and U+FFFF (EF BF BE, EF BF BF),
        // are dropped, so text without such bytes (and without any EF byte) is kept whole.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 != 0xEF) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return HTML.escape(text) }
        return HTML.escape(String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            scalar.value >= 0x20 ? !(0xFFFE...0xFFFF).contains(scalar.value) : scalar == "\t" || scalar == "\n" || scalar == "\r"
        })))
    }
}
