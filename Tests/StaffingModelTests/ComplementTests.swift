import Foundation
import Testing
@testable import StaffingModel

@Suite("Position complement")
struct ComplementTests {
    static let yaml = """
        name: Customer Relations complement
        positions:
          - {code: "2345-5035", current: 100, proposed: 107}
          - {code: "2370-0671", current: 17, proposed: 20}
        """

    func complement() throws -> PositionComplement {
        try PositionComplement.parse(yaml: Self.yaml, path: "c.yaml")
    }

    @Test("differences and totals: 100 → 107 (+7), 17 → 20 (+3), 117 → 127 (+10)")
    func totals() throws {
        let complement = try complement()
        #expect(complement.positions.map(\.difference) == [7, 3])
        #expect(complement.totalCurrent == 117)
        #expect(complement.totalProposed == 127)
        #expect(complement.totalDifference == 10)
    }

    @Test("the table labels rows from the catalog and signs differences")
    func table() throws {
        let table = try StaffingTable.complement(try complement(), catalog: Fixtures.catalog)
        #expect(table.caption == "Customer Relations complement")
        #expect(table.columns.map(\.header) == ["Position", "Current", "Proposed", "Difference"])
        #expect(table.columns.map(\.isNumeric) == [false, true, true, true])
        #expect(table.rows == [
            [.header("Customer Relations Coordinator EAS-17 (2345-5035)"), .init("100"), .init("107"), .init("+7")],
            [.header("Customer Relations Specialist EAS-19 (2370-0671)"), .init("17"), .init("20"), .init("+3")],
        ])
        #expect(table.footer == [[.header("Total"), .init("117"), .init("127"), .init("+10")]])
    }

    @Test("a reduction uses the minus sign and no change is 0; one row has no total")
    func signs() throws {
        let complement = PositionComplement(name: "c", positions: [
            .init(code: Fixtures.crc, current: 10, proposed: 7), .init(code: Fixtures.crs, current: 5, proposed: 5),
        ])
        let table = try StaffingTable.complement(complement, catalog: Fixtures.catalog)
        #expect(table.rows.map { $0[3].text } == ["\u{2212}3", "0"])
        #expect(table.footer.first?[3].text == "\u{2212}3")
        let single = try StaffingTable.complement(complement, codes: [Fixtures.crs], catalog: Fixtures.catalog)
        #expect(single.rows.count == 1)
        #expect(single.footer.isEmpty)
    }

    @Test("codes= picks and orders rows")
    func codes() throws {
        let table = try StaffingTable.complement(try complement(), codes: [Fixtures.crs, Fixtures.crc], catalog: Fixtures.catalog)
        #expect(table.rows.map { $0[0].text.hasSuffix("(2370-0671)") } == [true, false])
    }

    @Test("a code missing from the catalog is an error naming the code")
    func missingFromCatalog() throws {
        var catalog = Fixtures.catalog
        catalog[Fixtures.crs] = nil
        #expect(throws: StaffingBlockError.self) { try StaffingTable.complement(try complement(), catalog: catalog) }
        do {
            _ = try StaffingTable.complement(try complement(), catalog: catalog)
        } catch let error as StaffingBlockError {
            #expect(error.message.contains("2370-0671 is not in the position catalog"))
        }
    }

    @Test("bad entries are reported at their nodes")
    func validation() {
        let text = """
            name: c
            positions:
              - {code: "2345-5035", current: -1, proposed: 107}
              - {code: "2345-503", current: 17, proposed: 20}
              - {code: "2370-0671", current: 17, proposed: 20}
              - {code: "2370-0671", current: 1, proposed: 2}
            """
        let found = Fixtures.errors { () throws(StaffingErrors) in _ = try PositionComplement.parse(yaml: text, path: "c.yaml") }
        #expect(found.map { "\($0.line):\($0.column)" } == ["3:34", "4:12", "6:12"])
        #expect(found[0].message.contains("current must be at least 0"))
        #expect(found[1].message.contains("four digits, a hyphen and four digits"))
        #expect(found[2].message.contains("listed twice"))
    }
}
