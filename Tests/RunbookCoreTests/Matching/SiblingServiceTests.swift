import Testing

@testable import RunbookCore

/// A document named for one service (`facebook-connector-operations.md`) does not answer its sibling
/// (`linkedin-connector`), however many words of the problem they share.
struct SiblingServiceTests {
    static let library = MatchFixtures.library([
        MatchFixtures.entry("facebook-connector-operations.md", "Facebook connector operations"),
        MatchFixtures.entry(
            "facebook-connector-operations.md", "Retrying a delivery",
            text: "A delivery that failed after its last attempt is paused: fix the token, then retry the delivery.",
            path: ["Facebook connector operations"],
            parent: "facebook-connector-operations.md#facebook-connector-operations"),
        MatchFixtures.entry("redis-survival-guide.md", "Redis survival guide"),
        MatchFixtures.entry(
            "redis-survival-guide.md", "Memory usage",
            text: "When used memory nears maxmemory, find the biggest keys and the clients that write them.",
            path: ["Redis survival guide"], parent: "redis-survival-guide.md#redis-survival-guide"),
    ])
    static let retry = "facebook-connector-operations.md#retrying-a-delivery"

    @Test func aSiblingServicesDocumentIsACandidateNeverTheAnswer() throws {
        let index = MatchIndex(library: Self.library)
        let alert = MatchFixtures.alert(title: "linkedin-connector prod: delivery failures after the last attempt")
        let match = try #require(index.match(alert).first { $0.entry == Self.retry })
        #expect(match.score <= ServiceScope.ceiling)
        #expect(match.evidence.first?.term == "service linkedin-connector: this document is for facebook-connector")
    }

    @Test func theDocumentsOwnServiceIsAnswered() throws {
        let index = MatchIndex(library: Self.library)
        let alert = MatchFixtures.alert(title: "facebook-connector prod: delivery failures after the last attempt")
        let answer = try #require(index.match(alert).first)
        #expect(answer.entry == Self.retry)
        #expect(answer.score >= MatchIndex.defaultThreshold)
        #expect(answer.evidence.allSatisfy { $0.weight >= 0 })
    }

    @Test func aSharedFirstWordIsNoSibling() throws {
        // `redis-sidekiq` and `redis-survival-guide` share `redis` before their own words: the guide is for every
        // Redis, the alert's among them.
        let index = MatchIndex(library: Self.library)
        let alert = MatchFixtures.alert(title: "redis-sidekiq used memory near maxmemory")
        let answer = try #require(index.match(alert).first)
        #expect(answer.entry == "redis-survival-guide.md#memory-usage")
        #expect(answer.evidence.allSatisfy { $0.weight >= 0 })
    }
}
