/// Sorts terms in ``SearchIndex/termOrder(_:_:)`` order, by UTF-8 bytes when that gives the same order.
///
/// UTF-8 bytes sort as code points, and code points sort as UTF-16 code units
/// except that a surrogate pair (U+10000 and up) sorts below U+E000…U+FFFF.
/// UTF-8 lead bytes from 0xEE up start exactly the scalars from U+E000 up, so
/// without them the cheap comparison is the right one; with them, UTF-16 decides.
enum TermOrder {
    static func sorted(_ terms: [String]) -> [String] {
        if terms.contains(where: { $0.utf8.contains { $0 >= 0xEE } }) {
            return terms.sorted(by: SearchIndex.termOrder)
        }
        return terms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
