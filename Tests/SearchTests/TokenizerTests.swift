import Testing
@testable import PortalSearch

@Suite struct TokenizerTests {
    @Test func foldsCaseDiacriticsAndPunctuation() {
        #expect(SearchTokenizer.terms(in: "Café RÉSUMÉ, naïve—coördinator") == ["cafe", "resum", "naiv", "coordin"])
        #expect(SearchTokenizer.terms(in: "2345-5035 (EAS-17)") == ["2345", "5035", "ea", "17"])
    }

    @Test func dropsApostrophesInsideWords() {
        #expect(SearchTokenizer.terms(in: "the carrier's and carriers’ leads") == ["carrier", "carrier", "lead"])
    }

    @Test func pluralsAndSingularsShareAStem() {
        let pairs = [
            ("hours", "hour"), ("policies", "policy"), ("classes", "class"), ("boxes", "box"),
            ("matches", "match"), ("wishes", "wish"), ("ratios", "ratio"), ("supervisors", "supervisor"),
            ("processes", "process"), ("ties", "tie"), ("restructuring", "restructure"),
        ]
        for (plural, singular) in pairs {
            #expect(SearchTokenizer.stem(plural) == SearchTokenizer.stem(singular), "\(plural)")
        }
        #expect(SearchTokenizer.terms(in: "Hours") == SearchTokenizer.terms(in: "hour"))
    }

    @Test func dropsStopWordsAndLoneLettersButKeepsLoneDigits() {
        #expect(SearchTokenizer.terms(in: "The Article 8 of a §1004(d)") == ["articl", "8", "1004"])
    }

    @Test func skipsOverlongRuns() {
        #expect(SearchTokenizer.terms(in: "tracking 9114901496451617774088123456789012") == ["track"])
    }
}
