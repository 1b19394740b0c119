import Foundation
import Testing

@testable import PortalContent

/// The published address and the feed ids' tagging entity (issue #27), value by value.
@Suite struct PublishingSettingsTests {
    @Test(arguments: [
        ("https://example.org", "https://example.org"),
        ("https://example.org/", "https://example.org"),
        ("  http://example.org/portal//  ", "http://example.org/portal"),
        ("HTTPS://Example.org/a%20b/", "HTTPS://Example.org/a%20b"),
        ("https://example.org:8443/x/", "https://example.org:8443/x"),
    ])
    func addressesAreNormalized(text: String, normal: String) {
        #expect(PublishedAddress.normalized(text) == .success(normal))
    }

    @Test(arguments: [
        ("", PublishedAddress.Problem.notAURL),
        ("/portal/", .scheme),
        ("mailto:a@example.org", .scheme),
        ("file:///etc/", .scheme),
        ("https://", .noHost),
        ("https:/example.org", .noHost),
        ("https://a@example.org", .userInfo),
        ("https://example.org/?", .queryOrFragment),
        ("https://example.org/#", .queryOrFragment),
        ("https://example.org/a\u{0}b", .notAURL),
        ("https://example.org/<x>", .notAURL),
        ("https://exa mple.org", .notAURL),
    ])
    func addressesThatCannotPrefixAPathAreRefused(text: String, problem: PublishedAddress.Problem) {
        #expect(PublishedAddress.normalized(text) == .failure(problem))
    }

    @Test func authoritiesAreDomainNamesOrEmailAddresses() {
        for good in ["example.org", "a-b.example.org", "x1.io", "maintainer@example.org", "first.last+tag@mail.example.org"] {
            #expect(FeedIdentity.isAuthority(good), "\(good)")
        }
        for bad in ["", "localhost", "example", "-a.org", "a-.org", "a..org", ".org", "a b.org", "@example.org", "a@b@example.org",
                    "example.org/", "exämple.org", "https://example.org"] {
            #expect(!FeedIdentity.isAuthority(bad), "\(bad)")
        }
    }

    @Test func datesAreRealDaysMonthsOrYears() {
        for good in ["2026", "2026-12", "2026-12-07", "2024-02-29", "2000-01-01"] {
            #expect(FeedIdentity.isDate(good), "\(good)")
        }
        for bad in ["", "26", "1999", "2026-13", "2026-00", "2026-02-30", "2025-02-29", "2100-02-29", "2026-1-07", "2026-12-7",
                    "2026/12/07", "2026-12-07T00:00:00Z", "２０２６"] {
            #expect(!FeedIdentity.isDate(bad), "\(bad)")
        }
    }

    @Test func idsNameTheAuthorityTheDateAndThePath() {
        let identity = FeedIdentity(authority: "example.org", date: "2026-12-07")
        #expect(identity.id("letters/a%20b.html") == "tag:example.org,2026-12-07:letters/a%20b.html")
    }
}
