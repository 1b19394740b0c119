@testable import PortalBundle
@testable import PortalCache
@testable import PortalCheck
@testable import PortalOutput
@testable import PortalPages
@testable import PortalRender
@testable import PortalSite
import Testing


/// `SitePath.root` and `DateText.long` read ASCII by bytes; they must agree with the general forms they replaced.
@Suite struct PathAndDateTextTests {
    @Test func rootCountsPathComponentsAsSplittingDid() {
        let pages = [
            "index.html", "letters/x.html", "codes/2345-5035.html", "a/b/c/d.html", "a//b.html", "/a/b.html", "a/b/",
            "lettres/é.html", "a/\u{301}b/c.html", "😀/x.html",
        ]
        for page in pages {
            #expect(SitePath.root(from: page) == String(repeating: "../", count: page.split(separator: "/").count - 1), "\(page)")
        }
    }

    @Test func longDatesMatchTheGeneralForm() {
        func general(_ isoDate: String) -> String {
            let months = [
                "January", "February", "March", "April", "May", "June",
                "July", "August", "September", "October", "November", "December",
            ]
            let parts = isoDate.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (1...12).contains(parts[1]) else { return isoDate }
            return "\(months[parts[1] - 1]) \(parts[2]), \(parts[0])"
        }
        #expect(DateText.long("2022-08-30") == "August 30, 2022")
        for date in ["2022-08-30", "2022-01-01", "0999-12-09", "2022-13-01", "2022-00-10", "2022-8-30", "22-08-30", "2022-08-3x", "undated", "2022-08-30x", "２０２２-08-30"] {
            #expect(DateText.long(date) == general(date), "\(date)")
        }
    }
}
