@testable import PortalCodeRecognizer
@testable import PortalContent
import Testing

/// The recognizer finds every form of occupation code the consultations use, and nothing else.
@Suite struct OccupationCodeRecognizerTests {
    func codes(_ text: String) -> [String] {
        OccupationCodeRecognizer.mentions(in: text).map(\.code)
    }

    @Test(arguments: [
        ("Customer Relations Coordinator 2345-5035", "2345-5035"),
        ("Occupation Code: 1910-0030", "1910-0030"),
        ("Occupational Code 0340-0016", "0340-0016"),
        ("(Occupation Code: 1910-0030)", "1910-0030"),
        ("OCCUPATION CODE: 2345-5035", "2345-5035"),
        ("EAS-17 2345-5035", "2345-5035"),
        ("the codes are 2345-5035.", "2345-5035"),
        ("2370-0671, then", "2370-0671"),
        ("Occupation Code: 2019-2020", "2019-2020"),
    ])
    func recognizesEveryForm(text: String, code: String) {
        #expect(codes(text) == [code], "\(text)")
    }

    @Test func reportsWhereTheCodeStands() throws {
        let text = "Mgr Customer Care Ops Support, EAS-25 (Occupational Code 0340-0016)"
        let mention = try #require(OccupationCodeRecognizer.mentions(in: text).first)
        let chars = Array(text)
        #expect(String(chars[mention.range]) == "0340-0016")
        #expect(mention.isLabeled)
    }

    @Test(arguments: [
        "Dated 2019-12-12 and signed.",
        "Alexandria, VA 22314-2753",
        "1727 King Street, Suite 400",
        "1727-1729 King Street",
        "Call 703-268-2753 today.",
        "Phone: 1727-2753",
        "(703) 1727-2753",
        "1-2345-5035",
        "Tracking 9114-9014-9645-1617",
        "9114901496451617774088",
        "12345-67890",
        "2345-50351",
        "2345-5035-12",
        "A2345-5035",
        "fiscal years 2019-2020",
        "FY2019-2020",
        "1:20 to 1:19",
        "M-01742",
        "2345-5035.5",
    ])
    func refusesLookAlikes(text: String) {
        #expect(codes(text).isEmpty, "\(text) gave \(codes(text))")
    }

    @Test func findsSeveralCodesInOneText() {
        #expect(codes("Both 2345-5035 and 2370-0671 (and 2345-5035 again).") == ["2345-5035", "2370-0671", "2345-5035"])
    }

    @Test func readsTheGradeAndTitleWrittenBesideTheCode() throws {
        let letter = try #require(OccupationCodeRecognizer.mentions(
            in: "(New) Mgr Customer Care Quality Assurance, EAS-26 (Occupation Code: 1910-0030)").first)
        #expect(letter.code == "1910-0030")
        #expect(letter.grade == "EAS-26")
        #expect(letter.title == "Mgr Customer Care Quality Assurance")

        let revised = try #require(OccupationCodeRecognizer.mentions(
            in: "Mgr Customer Care Ops Support, EAS-25 (Occupational Code 0340-0016)").first)
        #expect(revised.grade == "EAS-25")
        #expect(revised.title == "Mgr Customer Care Ops Support")

        let bare = try #require(OccupationCodeRecognizer.mentions(in: "EAS-17 2345-5035").first)
        #expect(bare.grade == "EAS-17")
        #expect(bare.title == nil)

        let after = try #require(OccupationCodeRecognizer.mentions(in: "code 2320-0010 (P7-06) applies").first)
        #expect(after.grade == "P7-06")

        let sentence = try #require(OccupationCodeRecognizer.mentions(in: "the new grade is EAS-17 2345-5035").first)
        #expect(sentence.title == nil, "a lowercase clause is not a title")
        #expect(OccupationCodeRecognizer.mentions(in: "See EAS-17 2345-5035").first?.title == nil, "a title is set off by a comma or parentheses")

        let heading = try #require(OccupationCodeRecognizer.mentions(in: "CUSTOMER RELATIONS COORDINATOR (EAS-17) OCCUPATION CODE: 2345-5035").first)
        #expect(heading.title == "CUSTOMER RELATIONS COORDINATOR")
        #expect(heading.grade == "EAS-17")
    }

    @Test func readsGradeAndTitleFromATableRow() throws {
        let header = ["Position", "Grade", "Occupation code"]
        let row = try #require(OccupationCodeRecognizer.mentions(
            inRow: ["Customer Relations Specialist (District)", "EAS-19", "2370-0671"], header: header).first)
        #expect(row.code == "2370-0671")
        #expect(row.grade == "EAS-19")
        #expect(row.title == "Customer Relations Specialist (District)")

        let headerless = try #require(OccupationCodeRecognizer.mentions(inRow: ["EAS-17", "2345-5035"], header: ["", ""]).first)
        #expect(headerless.grade == "EAS-17")
        #expect(headerless.title == nil)
    }

    @Test func titlesMatchAcrossAbbreviationsAndPlurals() {
        #expect(PositionTitleMatcher.sameTitle("Customer Relations Specialist (District)", "Customer Relations Spec (District)"))
        #expect(PositionTitleMatcher.sameTitle("Customer Relations Coordinators", "Customer Relations Coordinator"))
        #expect(PositionTitleMatcher.sameTitle("Manager Customer Care Ops Support", "Mgr Customer Care Ops Support"))
        #expect(!PositionTitleMatcher.sameTitle("Lead Customer Care Quality Spec", "Mgr Customer Care Quality Assurance"))
        #expect(!PositionTitleMatcher.sameTitle("Customer Relations Coordinator", "Customer Relations Spec (District)"))
    }
}

/// The prefilter finds hyphens with `memchr`; it must answer as the byte-by-byte scan it replaced.
@Suite struct OccupationCodePrefilterTests {
    static func scanned(_ text: String) -> Bool {
        var digits = 0
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
            } else {
                if byte == UInt8(ascii: "-") && digits >= 4 { return true }
                digits = 0
            }
        }
        return false
    }

    @Test func prefilterAnswersAsTheByteScan() {
        let pieces = ["1", "23", "456", "7890", "-", "--", " ", "a", "é", "‐", "2345-5035", "x-", "1234", ""]
        for text in LineBreaksTests.texts(of: pieces, count: 5000, seed: 0x5851_F42D_4C95_7F2D) {
            #expect(OccupationCodeRecognizer.mayHoldCode(text) == Self.scanned(text), "\(text.debugDescription)")
        }
        #expect(OccupationCodeRecognizer.mayHoldCode("1234-"))
        #expect(!OccupationCodeRecognizer.mayHoldCode("123-4567"))
        #expect(!OccupationCodeRecognizer.mayHoldCode("-1234"))
    }
}

/// ASCII text takes a byte path; it must find what the `Character` path finds.
@Suite struct OccupationCodeBytePathTests {
    @Test func bytePathFindsWhatTheCharacterPathFinds() {
        let pieces = [
            "2345-5035", "1727-2753", "2019-2020", "1727-1729", "22314-2753", "(703) ", "phone ", "Occupation Code: ",
            "occ. code ", "EAS-17 ", ", EAS-25 (", "Mgr Customer Care", " ", "\n", "-", "1", "12345", "#", ".", "x", "Title, ", ")",
        ]
        for text in LineBreaksTests.texts(of: pieces, count: 6000, seed: 0x7A3F_0C19_55E1_B2D7) {
            #expect(OccupationCodeRecognizer.mentions(in: text) == OccupationCodeRecognizer.mentions(in: text, byBytes: false),
                    "\(text.debugDescription)")
        }
    }
}
