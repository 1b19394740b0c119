import Foundation
import Testing
@testable import StaffingModel

@Suite("Review window and civil dates")
struct ReviewWindowTests {
    func date(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test("the window ends 60 calendar days after the letter", arguments: [
        ("2022-08-30", "2022-10-29"), ("2019-12-12", "2020-02-10"), ("2024-01-01", "2024-03-01"), ("2023-01-01", "2023-03-02"),
    ])
    func end(letter: String, end: String) {
        #expect(Staffing.reviewWindow(letterDate: date(letter)).end == date(end))
    }

    @Test("open on the end day, closed the day after")
    func status() {
        let window = Staffing.reviewWindow(letterDate: date("2022-08-30"))
        #expect(window.status(on: date("2022-08-30")) == .open)
        #expect(window.status(on: date("2022-10-29")) == .open)
        #expect(window.status(on: date("2022-10-30")) == .closed)
        #expect(window.status(on: date("2023-01-01")) == .closed)
    }

    @Test("dates parse only as valid YYYY-MM-DD", arguments: [
        "2022-13-01", "2022-02-29", "2022-2-01", "22-02-01", "2022-02-01T00:00", "2022/02/01", "", "2022-00-10", "2022-04-31",
    ])
    func invalid(text: String) {
        #expect(CivilDate(text) == nil)
    }

    /// The parse reads bytes; it must accept exactly what splitting on "-" and checking each character did.
    @Test("dates parse as the character-by-character reading did")
    func parsingMatchesTheCharacterReading() {
        func reference(_ text: String) -> CivilDate? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
            else { return nil }
            return CivilDate(year: year, month: month, day: day)
        }
        let pieces = ["2", "0", "9", "1", "-", "٣", "²", "e\u{301}", "1\u{301}", " ", "+", "x"]
        var state: UInt64 = 0x853C_49E6_748F_EA9B
        var texts = ["2024-02-29", "0000-01-01", "9999-12-31", "2023-02-29", "２０２３-01-01"]
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var text = Array("2023-06-15")
            // Change one to three characters of a valid date, so that near misses are common.
            for step in 0..<Int(state >> 62) + 1 {
                let position = Int((state >> UInt64(8 * step)) % 10)
                text[position] = Character(pieces[Int((state >> UInt64(8 * step + 4)) % UInt64(pieces.count))])
            }
            texts.append(String(text))
        }
        for text in texts {
            #expect(CivilDate(text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test("leap days, round trips and ordering")
    func arithmetic() {
        #expect(CivilDate("2024-02-29") != nil)
        #expect(CivilDate("1900-02-29") == nil)
        #expect(CivilDate("2000-02-29") != nil)
        #expect(date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(date("2023-12-31").adding(days: 1) == date("2024-01-01"))
        #expect(date("2024-03-01").adding(days: -1) == date("2024-02-29"))
        #expect(date("1970-01-01").adding(days: 0).description == "1970-01-01")
        #expect(date("2019-12-12").days(until: date("2020-02-10")) == 60)
        #expect(date("0999-05-07").description == "0999-05-07")
        #expect(date("2022-08-30") < date("2022-10-29"))
        let start = date("1999-12-31")
        for offset in stride(from: -800, through: 800, by: 7) {
            #expect(start.adding(days: offset).adding(days: -offset) == start)
            #expect(start.days(until: start.adding(days: offset)) == offset)
        }
    }

    @Test("dates encode as YYYY-MM-DD strings")
    func codable() throws {
        let window = Staffing.reviewWindow(letterDate: date("2019-12-12"))
        let json = try Staffing.json(window, pretty: false)
        #expect(json == #"{"days":60,"letterDate":"2019-12-12"}"#)
        #expect(try JSONDecoder().decode(ReviewWindow.self, from: Data(json.utf8)) == window)
    }
}
