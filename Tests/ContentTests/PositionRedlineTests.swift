import PortalContent
@testable import PortalRedline
import PropertyBased
import Testing

/// The word diff and the section and item alignment behind computed redlines.
@Suite struct PositionRedlineTests {
    /// The diff written compactly: `[-old-]` for deletions, `{+new+}` for insertions.
    func compact(_ segments: [WordDiff.Segment]) -> String {
        segments.map { segment in
            switch segment {
            case .equal(let tokens):
                return WordDiff.text(tokens)
            case .change(let deleted, let inserted):
                return (deleted.isEmpty ? "" : "[-\(WordDiff.text(deleted))-]") + (inserted.isEmpty ? "" : "{+\(WordDiff.text(inserted))+}")
            }
        }.joined(separator: " ")
    }

    @Test func tokensSplitPunctuationFromWords() {
        #expect(WordDiff.tokens("indicators (KPIs), and").map(\.text) == ["indicators", "(", "KPIs", ")", ",", "and"])
        #expect(WordDiff.tokens("on-boarding administrative/office KPI's").map(\.text) == ["on-boarding", "administrative/office", "KPI's"])
        #expect(WordDiff.tokens("Essential\nScale: Yes").map(\.text) == ["Essential", "\n", "Scale", ":", "Yes"])
        #expect(WordDiff.text(WordDiff.tokens("indicators (KPIs), and")) == "indicators (KPIs), and")
    }

    @Test func deletedWord() {
        let segments = WordDiff.segments(
            from: "activities of quality, training and administrative support",
            to: "activities of training and administrative support")
        #expect(compact(segments) == "activities of [-quality,-] training and administrative support")
    }

    @Test func insertedWords() {
        let segments = WordDiff.segments(
            from: "Oversees the development of key performance indicators and monitors",
            to: "Oversees the development of key performance indicators (KPIs) and monitors")
        #expect(compact(segments) == "Oversees the development of key performance indicators {+(KPIs)+} and monitors")
    }

    @Test func replacedWord() {
        let segments = WordDiff.segments(from: "Supervised by the Postmaster.", to: "Supervised by the Manager.")
        #expect(compact(segments) == "Supervised by the [-Postmaster-]{+Manager+} .")
    }

    @Test func identicalTextsHaveOnlyEqualSegments() {
        let segments = WordDiff.segments(from: "Same words here.", to: "Same words here.")
        #expect(segments.count == 1)
        #expect(compact(segments) == "Same words here.")
    }

    @Test func shortEqualitiesBetweenChangesFoldIntoOneChange() {
        let segments = WordDiff.segments(
            from: "makes recommendations to managers and supervisors for service improvements",
            to: "troubleshoots issues, and makes recommendations for customer service improvements")
        // "and" alone between two rewrites would be noise: it is folded in.
        #expect(!compact(segments).contains("-] and {+"))
        #expect(compact(segments).hasSuffix("service improvements"))
    }

    @Test func similarityCountsSharedWords() {
        #expect(WordDiff.similarity("a b c d", "a b c d") == 1)
        #expect(WordDiff.similarity("a b c d", "e f g h") == 0)
        #expect(WordDiff.similarity("a b c d", "a b x y") == 0.5)
    }

    func section(_ title: String, _ items: [String]) -> PositionRedline.Section {
        .init(title: title, units: items.enumerated().map { .init(text: $0.element, number: $0.offset + 1) })
    }

    @Test func renumberedItemIsUnchangedWithBothNumbers() throws {
        let old = [section("Requirements", ["Ability to supervise.", "Knowledge of postal products and services.", "Knowledge of policies and standards."])]
        let new = [section("Requirements", ["Ability to supervise.", "Knowledge of policies and standards."])]
        let redline = PositionRedline(old: old, new: new)
        let rows = try #require(redline.sections.first?.rows)
        #expect(rows.map(\.change) == [.unchanged, .deleted, .unchanged])
        let renumbered = rows[2]
        #expect(renumbered.isRenumbered)
        #expect(renumbered.old?.number == 3 && renumbered.new?.number == 2)
        #expect(!rows[0].isRenumbered)
    }

    @Test func movedItemComesOutAsMovedNotDeletedAndInserted() throws {
        let old = [section("Duties", [
            "Prepares the budget for Center support.",
            "Coordinates initiatives to improve Center performance.",
            "Communicates with Network Monitoring Analysts.",
            "Assesses the day to day operations of the Contact Center.",
        ])]
        let new = [section("Duties", [
            "Assesses the day to day operations of the Contact Center.",
            "Prepares the budget for Center support.",
            "Coordinates initiatives to improve Center performance.",
            "Communicates with Network Monitoring Analysts.",
        ])]
        let rows = try #require(PositionRedline(old: old, new: new).sections.first?.rows)
        #expect(rows.count == 4)
        #expect(rows.filter { $0.change == .moved }.count == 1)
        #expect(rows[0].change == .moved)
        #expect(rows[0].old?.number == 4 && rows[0].new?.number == 1)
        #expect(!rows.contains { $0.change == .deleted || $0.change == .inserted })
    }

    @Test func rewrittenItemIsChangedWithAWordDiff() throws {
        let old = [section("Requirements", [
            "MGR CUSTOMER CARE OPS SUPPORT - Essential\nScale: Yes/No Qualification Proficiency: Yes\nKnowledge of postal products and services.",
            "WORKFORCE MGMT ANALYST - Essential\nScale: Yes/No Qualification Proficiency: Yes\nKnowledge of policies, procedures and standards related to contact center management, including data gathering and trend analysis.",
        ])]
        let new = [section("Requirements", [
            "Knowledge of policies, procedures and standards related to contact center management, including data gathering and trend analysis.",
        ])]
        let rows = try #require(PositionRedline(old: old, new: new).sections.first?.rows)
        #expect(rows.map(\.change) == [.deleted, .changed])
        #expect(rows[1].old?.number == 2 && rows[1].new?.number == 1)
        #expect(compact(rows[1].segments).hasPrefix("[-WORKFORCE MGMT ANALYST - Essential"))
        #expect(compact(rows[1].segments).hasSuffix("Knowledge of policies, procedures and standards related to contact center management, including data gathering and trend analysis."))
    }

    @Test func sectionsAlignByHeading() {
        let old = [section("Functional Purpose", ["Provides coordination."]), section("Operational Requirements", ["EAS-24 and above."]),
                   section("Supervision", ["POSTMASTER"])]
        let new = [section("Functional Purpose", ["Provides coordination."]), section("Supervision", ["Manager Customer Relations"])]
        let redline = PositionRedline(old: old, new: new)
        #expect(redline.sections.map(\.title) == ["Functional Purpose", "Operational Requirements", "Supervision"])
        #expect(redline.sections.map(\.change) == [.unchanged, .deleted, .changed])
        #expect(redline.hasChanges)
        #expect(!PositionRedline(old: old, new: old).hasChanges)
    }

    /// The rows of one section worked out the plain way: units aligned by their texts, each pair's
    /// similarity from the texts alone. The redline numbers texts and words first, for speed.
    func referenceRows(_ old: [PositionRedline.Unit], _ new: [PositionRedline.Unit]) -> [String] {
        let steps = SequenceAligner.align(
            old: old, new: new, replacementThreshold: old.count == 1 && new.count == 1 ? 0 : 0.25,
            similarity: { WordDiff.similarity($0.text, $1.text) })
        return steps.map { step in
            switch step {
            case .kept(let i, let j): "\(old[i].text == new[j].text ? "unchanged" : "changed") \(i) \(j)"
            case .moved(let i, let j): "moved \(i) \(j)"
            case .deleted(let i): "deleted \(i) -"
            case .inserted(let j): "inserted - \(j)"
            }
        }
    }

    @Test func rowsMatchTheAlignmentOfTheTexts() throws {
        // Few distinct paragraphs, so the same text often stands twice on a side, and many share words.
        let paragraphs = [
            "Plans the budget.", "Plans the budget for the district.", "Supervises employees.", "Supervises employees in the unit.",
            "Coordinates training.", "Knowledge of postal products.", "Knowledge of postal products and services.", "Ability to write.",
        ]
        var generator = Xoshiro(seed: (0x2ED_11E, 5, 8, 13))
        func units() -> [PositionRedline.Unit] {
            (0..<Int(generator.next() % 7)).map { number in
                .init(text: paragraphs[Int(generator.next() % UInt64(paragraphs.count))], number: number + 1)
            }
        }
        for _ in 0..<3_000 {
            let old = units(), new = units()
            let rows = try #require(PositionRedline(old: [.init(title: "Duties", units: old)], new: [.init(title: "Duties", units: new)]).sections.first?.rows)
            let described = rows.map { row in
                "\(row.change) \(row.old.map { String($0.number! - 1) } ?? "-") \(row.new.map { String($0.number! - 1) } ?? "-")"
            }
            #expect(described == referenceRows(old, new), "\(old.map(\.text)) → \(new.map(\.text))")
        }
    }

    @Test func alignerKeepsOrderAndPlacesDeletionsBeforeInsertions() {
        let steps = SequenceAligner.align(old: ["a", "b", "c"], new: ["a", "x", "c"]) { _, _ in 0 }
        #expect(steps == [.kept(old: 0, new: 0), .deleted(old: 1), .inserted(new: 1), .kept(old: 2, new: 2)])
    }
}
