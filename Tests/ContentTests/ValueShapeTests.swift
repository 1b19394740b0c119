import Foundation
import Testing

@testable import PortalContent

/// The byte matchers accept exactly what the whole-value regular expressions they replaced accepted.
@Suite struct ValueShapeTests {
    nonisolated(unsafe) static let occupationCode = /[0-9]{4}-[0-9]{4}/
    nonisolated(unsafe) static let grade = /[A-Z][A-Z0-9]{0,3}-[0-9]{2}/
    nonisolated(unsafe) static let date = /([0-9]{4})-([0-9]{2})-([0-9]{2})/

    /// Near misses: the right characters in shapes a little off, with marks and look-alikes mixed in.
    static let values: [String] = {
        let pieces = ["0", "1", "9", "23", "2345", "-", "A", "E", "Z", "a", "7", "\u{301}", "٣", "１", "‐", " ", "\n", "\r\n", "EAS", "P7", ""]
        return LineBreaksTests.texts(of: pieces, count: 20_000, seed: 0xD1B5_4A32_D192_ED03)
            + ["2345-5035", "2345-503", "EAS-17", "P7-06", "EASXY-17", "E-17", "2022-08-30", "2022-8-30", "2345-5035\u{301}", "EAS-1\u{301}7"]
    }()

    @Test func shapesMatchTheirPatterns() {
        for value in Self.values {
            #expect(ValueShape.isOccupationCode(value) == (value.wholeMatch(of: Self.occupationCode) != nil), "\(value.debugDescription)")
            #expect(ValueShape.isGrade(value) == (value.wholeMatch(of: Self.grade) != nil), "\(value.debugDescription)")
            let parts = ValueShape.dateParts(value)
            let match = value.wholeMatch(of: Self.date)
            #expect((parts == nil) == (match == nil), "\(value.debugDescription)")
            if let parts, let match {
                #expect(parts.year == Int(match.1) && parts.month == Int(match.2) && parts.day == Int(match.3))
            }
        }
    }

    @Test func trimmingMatchesFoundation() {
        for value in Self.values + [" a ", "\ta", "a\u{00A0}", "\u{2003}x", "x "] {
            #expect(FrontMatterFields.trimmingWhitespace(value) == value.trimmingCharacters(in: .whitespaces), "\(value.debugDescription)")
        }
    }
}
