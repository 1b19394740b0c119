import PortalContent
import PortalMarkdown
@testable import PortalRender
import Testing

/// The `<abbr>` marking's byte-by-byte path for ASCII text against its `Character` path.
@Suite struct GlossaryAbbreviationsTests {
    private let abbreviations = GlossaryAbbreviations(glossary: Glossary.parse("""
        - term: CRC
          expansions: Customer Relations Coordinator
          definition: A position.
        - term: Mgr
          expansions: Manager
          definition: Short for manager.
        - term: C360
          expansions: Customer 360
          definition: A system.
        - term: NBA
          expansions: Next best action
          definition: A prompt.
        """).glossary)

    /// Lines made of terms, their capitals, plurals, lookalikes and separators mark the same runs both ways.
    @Test func asciiPathMarksWhatTheCharacterPathMarks() {
        let pieces = ["CRC", "s", "Mgr", "MGR", "mgr", "C360", "NBA", "NBAs", "x2", "CRCss", " ", "-", "(", ")", ",", "\r\n", "\t", "Manager", "a", "Z9"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<3000 {
            var line = ""
            for _ in 0..<10 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line += pieces[Int(state >> 33) % pieces.count]
            }
            let characterRuns = GlossaryAbbreviations.mark(line, glossary: abbreviations.glossary, marked: .init())
            let asciiRuns = GlossaryAbbreviations.markASCII(
                line, glossary: abbreviations.glossary, filter: abbreviations.filter, marked: .init())
            #expect(asciiRuns == characterRuns, "\(line.debugDescription)")
        }
    }

    @Test func marksOnlyTheFirstUseOfEachTerm() {
        let marked = GlossaryAbbreviations.Marked()
        let runs = GlossaryAbbreviations.markASCII(
            "The CRC and the CRCs; Mgr, MGR.", glossary: abbreviations.glossary, filter: abbreviations.filter, marked: marked)
        #expect(runs == [
            .text("The "), .abbreviation(text: "CRC", title: "Customer Relations Coordinator"), .text(" and the CRCs; "),
            .abbreviation(text: "Mgr", title: "Manager"), .text(", MGR."),
        ])
    }
}
