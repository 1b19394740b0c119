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
