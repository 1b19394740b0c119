import Foundation
import Testing
@testable import StaffingModel

@Suite("Care Center supervisor ratio")
struct RatioTests {
    @Test("supervisors needed = ceil(agents / ratio)", arguments: [
        (400, 20, 20), (400, 19, 22), (380, 19, 20), (381, 19, 21), (0, 19, 0), (1, 20, 1), (20, 20, 1), (21, 20, 2),
    ])
    func ceiling(agents: Int, ratio: Int, expected: Int) {
        #expect(Staffing.supervisorsNeeded(agents: agents, ratio: ratio) == expected)
    }

    static let yaml = """
        name: Care Center supervisors
        current_ratio: 20
        proposed_ratio: 19
        illustrative: true
        note: Invented counts.
        care_centers:
          - {name: A, agents: 400}
          - {name: B, agents: 95}
        """

    @Test("rows, totals and one lead spec per Care Center")
    func rows() throws {
        let ratio = try CareCenterRatio.parse(yaml: Self.yaml, path: "r.yaml")
        #expect(ratio.rows.map(\.currentSupervisors) == [20, 5])
        #expect(ratio.rows.map(\.proposedSupervisors) == [22, 5])
        #expect(ratio.rows.map(\.difference) == [2, 0])
        #expect(ratio.rows.map(\.leadQualitySpecs) == [1, 1])
        #expect(ratio.totals.agents == 495)
        #expect(ratio.totals.currentSupervisors == 25)
        #expect(ratio.totals.proposedSupervisors == 27)
        #expect(ratio.totals.leadQualitySpecs == 2)
        #expect(ratio.isIllustrative)
    }

    @Test("the table shows old vs new per Care Center, totals and the illustrative note")
    func table() throws {
        let table = try StaffingTable.ratio(try CareCenterRatio.parse(yaml: Self.yaml, path: "r.yaml"), catalog: Fixtures.catalog)
        #expect(table.columns.map(\.header) == [
            "Care Center", "Agents", "Supervisors at 1:20", "Supervisors at 1:19", "Difference",
            "Lead Customer Care Quality Spec EAS-17 (1910-0029)",
        ])
        #expect(table.rows.map { $0.map(\.text) } == [["A", "400", "20", "22", "+2", "1"], ["B", "95", "5", "5", "0", "1"]])
        #expect(table.footer.map { $0.map(\.text) } == [["Total", "495", "25", "27", "+2", "2"]])
        #expect(table.isIllustrative)
        #expect(table.notes.first == "Figures are illustrative, not actual Care Center data. Invented counts.")
    }

    @Test("a zero ratio and a bad agent count are reported at their nodes")
    func validation() {
        let text = """
            name: r
            current_ratio: 0
            proposed_ratio: 19
            care_centers:
              - {name: A, agents: many}
            """
        let found = Fixtures.errors { () throws(StaffingErrors) in _ = try CareCenterRatio.parse(yaml: text, path: "r.yaml") }
        #expect(found.map { "\($0.line):\($0.column)" } == ["2:16", "5:23"])
        #expect(found[0].message.contains("must be at least 1"))
        #expect(found[1].message.contains("agents must be a whole number"))
    }
}
