@testable import PortalContent
@testable import PortalWordScan
import Testing

/// Reading `glossary.yaml` and telling abbreviations from words set in capitals.
@Suite struct GlossaryTests {
    @Test func readsEntriesInFileOrderWithOneOrManyExpansions() {
        let (glossary, problems) = Glossary.parse("""
            - term: Mgr
              expansions: Manager
              definition: Short for manager.
            - term: PD
              expansions: [Position description, PD]
              definition: " The document. "
            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(glossary.entries.map(\.term) == ["Mgr", "PD"])
        #expect(glossary.entries[1].expansions == ["Position description", "PD"])
        #expect(glossary.entries[1].definition == "The document.")
        #expect(glossary.entries[1].title == "Position description; PD")
        #expect(glossary.entry(for: "MGR")?.term == "Mgr", "a term in capitals is the same term")
        #expect(glossary.entry(for: "mgr") == nil, "but not in lower case, where it may be a word")
        #expect(glossary.entries[0].anchor == "term-mgr")
    }

    @Test func badFilesAreLocated() {
        #expect(Glossary.parse("term: CRC").problems.map(\.description).first?.hasPrefix(
            "Content/data/glossary.yaml:1:1: error: the glossary should be a list of entries") == true)
        #expect(Glossary.parse("- [a, b]").problems.first?.message.contains("should be a mapping") == true)
        #expect(Glossary.parse("- term: two words\n  expansions: [X]\n  definition: Y.").problems.first?.message
            .contains("should be one word") == true)
        #expect(Glossary.parse("- term: X\n  expansions: [\n").problems.first?.message.contains("not valid") == true)
        #expect(Glossary.parse("").problems.isEmpty)
    }

    @Test func abbreviationsAreShortCapitalWords() {
        let words = WordScan.capitalWords(in: "The CRC and NBAs use C360; MANAGER, Mgr and EL-312 (I, x2).").map { String($0.0) }
        #expect(words == ["CRC", "NBAs", "C360"], "EL-312 is a handbook number")
        #expect(WordScan.capitalWords(in: "a BSN b")[0].1 == 3, "columns count from 1")
        #expect(WordScan.isRomanNumeral("XIV"))
    }

    /// The ASCII scans find exactly what the `Character` scans find, on lines made of the pieces that matter.
    @Test func asciiScansAgreeWithCharacterScans() {
        let pieces = ["CRC", "s", "Mgr", "C360", "x2", "EL", "-", "312", " ", "(", ")", ",", ";", "IT", "it", "MANAGER", "a", "Z9", "\t", "_", "'"]
        for line in Self.texts(3000, of: 12, from: pieces, seed: 0x9E37_79B9_7F4A_7C15) {
            let ascii = ASCIIWords.capitalWords(in: line[...]).map { "\($0.0)@\($0.1)" }
            let characters = WordScan.characterCapitalWords(in: line[...]).map { "\($0.0)@\($0.1)" }
            #expect(ascii == characters, "\(line)")
            var asciiWords: Set<String> = [], characterWords: Set<String> = []
            ASCIIWords.ordinaryWords(in: line, into: &asciiWords)
            WordScan.characterOrdinaryWords(in: line, into: &characterWords)
            #expect(asciiWords == characterWords, "\(line)")
            let among: Set<String> = ["crc", "it", "mgr", "manager", "x2"]
            var asciiAmong: Set<String> = [], characterAmong: Set<String> = []
            ASCIIWords.ordinaryWords(in: line, into: &asciiAmong, among: among)
            WordScan.characterOrdinaryWords(in: line, into: &characterAmong, among: among)
            #expect(asciiAmong == characterAmong && asciiAmong == asciiWords.intersection(among), "\(line)")
        }
    }

    /// The in-place scan of a whole body finds what splitting it into lines and scanning each finds, lines with other characters included.
    @Test func bodyScanAgreesWithLineByLineScan() {
        let pieces = ["CRC", "s", "Mgr", "C360", "EL", "-", "312", " ", "\n", "\n", "IT", "é", "§", "NBAs", "x", "Z9", "KPIs"]
        for body in Self.texts(2000, of: 16, from: pieces, seed: 0x1234_5678_9ABC_DEF1) {
            let fast = ASCIIWords.capitalWordsByLine(of: body)!.map { "\($0.line):\($0.word)@\($0.column) [\($0.sourceLine)]" }
            let slow = body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
                WordScan.characterCapitalWords(in: line).map { "\(index):\($0.0)@\($0.1) [\(line)]" }
            }
            #expect(fast == slow, "\(body.debugDescription)")
        }
        #expect(ASCIIWords.capitalWordsByLine(of: "CRC\r\nBSN") == nil, "a carriage return takes the Character path")
    }

    /// `count` texts of `length` pieces each, picked by a fixed linear congruential generator, so every run tests the same texts.
    static func texts(_ count: Int, of length: Int, from pieces: [String], seed: UInt64) -> [String] {
        var state = seed
        return (0..<count).map { _ in
            (0..<length).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return pieces[Int(state >> 33) % pieces.count]
            }.joined()
        }
    }
}
