import Foundation
import Testing

@testable import RunbookCore

/// A check named in plain words (`Storefront production home page`) that an entry is keyed to answers that check
/// only: the same check of a service the library has never heard of is not its answer.
struct CheckNameScopeTests {
    static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "status.md", "[Pingdom] Storefront production home page has an alert",
            text: "Check the CDN first, then the web pods behind it."),
        MatchFixtures.entry("status.md", "Certificates", text: "Renew the certificate with the ACME client."),
        MatchFixtures.entry("db.md", "Replication lag", text: "Compare the replica's position with the primary."),
    ])

    static let index = MatchIndex(library: library)

    func matches(check: String) throws -> [Match] {
        let body = """
            {"check_id": 7, "check_name": "\(check)", "check_type": "HTTP", "current_state": "DOWN",
             "previous_state": "UP", "description": "502 Bad Gateway", "tags": ["production"]}
            """
        let alert = try #require(try AlertDecoder.decode(Data(body.utf8), format: .pingdom, receivedAt: Date()).first)
        return Self.index.match(alert)
    }

    @Test func theChecksOwnEntryAnswersIt() throws {
        let best = try #require(try matches(check: "Storefront production home page").first)
        #expect(best.title.hasPrefix("[Pingdom] Storefront"))
        #expect(best.score >= MatchIndex.defaultThreshold)
    }

    @Test func theSameCheckOfAServiceTheLibraryNeverNamesIsACandidateOnly() throws {
        let best = try #require(try matches(check: "Kiosk production home page").first)
        #expect(best.title.hasPrefix("[Pingdom] Storefront"))
        #expect(best.score <= ServiceScope.ceiling)
        #expect(best.evidence.first?.term == "service Kiosk: not named by this entry")
    }
}
