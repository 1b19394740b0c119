import Foundation
import Testing
@testable import StaffingModel

@Suite("Number text and table rendering")
struct TableTextTests {
    @Test("numbers: strict parsing, grouping, signs, fixed decimals")
    func numbers() {
        #expect(NumberText.decimal("187.00") == 187)
        #expect(NumberText.decimal("-4") == -4)
        for bad in ["12abc", "1e5", "1,000", " 1", "", ".5", "5.", "+5", "--1"] {
            #expect(NumberText.decimal(bad) == nil, "\(bad)")
        }
        #expect(NumberText.integer("007") == 7)
        #expect(NumberText.integer("1.0") == nil)
        #expect(NumberText.grouped(6_528_210) == "6,528,210")
        #expect(NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(-1000) == "\u{2212}1,000")
        #expect(NumberText.signed(7) == "+7")
        #expect(NumberText.signed(0) == "0")
        #expect(NumberText.signed(-3) == "\u{2212}3")
        #expect(NumberText.fixed(Fixtures.decimal("66.666")) == "66.67")
        #expect(NumberText.fixed(Fixtures.decimal("-0.001")) == "0.00")
        #expect(NumberText.fixed(Fixtures.decimal("-2.5")) == "\u{2212}2.50")
        #expect(NumberText.fixed(Decimal(12345678), places: 0) == "12345678")
    }

    static let table = StaffingTable(
        caption: "Complement",
        columns: [.init("Position"), .init("Current", isNumeric: true)],
        rows: [[.header("CRC, EAS-17"), .init("100")], [.header("CRS"), .init("17")]],
        footer: [[.header("Total"), .init("117")]],
        notes: ["Illustrative."])

    @Test("plain text aligns numeric columns right")
    func plainText() {
        #expect(Self.table.plainText == """
            Complement

            Position     Current
            -----------  -------
            CRC, EAS-17      100
            CRS               17
            -----------  -------
            Total            117

            Note: Illustrative.

            """)
    }

    @Test("CSV quotes fields with commas and includes the footer")
    func csv() {
        #expect(Self.table.csv == "Position,Current\n\"CRC, EAS-17\",100\nCRS,17\nTotal,117\n")
    }
}
