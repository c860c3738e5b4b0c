import Testing

@testable import RunbookCore

/// An alert of a name and a state (`Kibana down`) is answered by an entry that says both, in its words or in
/// other words; one that says only half of it is a candidate, never the confident answer.
struct ShortAlertTests {
    private static let index = MatchIndex(library: MatchFixtures.library([
        MatchFixtures.entry(
            "pg.md", "PostgreSQL subtransactions",
            text: "Subtransactions overflow the SLRU cache of PostgreSQL; find the transactions that open savepoints."),
        MatchFixtures.entry(
            "site.md", "When the site is down",
            text: "Customers cannot reach the site: check the load balancer and the status page first."),
        MatchFixtures.entry(
            "metrics.md", "Metrics pod disk full", text: "The persistent disk of the metrics pod filled with blocks."),
        MatchFixtures.entry(
            "queue.md", "Queue backlog",
            text: "Workers fall behind the queue: Kibana shows their logs, Elasticsearch keeps them a week."),
    ]))

    private static func best(_ text: String) throws -> Match {
        try #require(index.match(MatchFixtures.alert(title: text)).first)
    }

    @Test(arguments: [
        ("PostgreSQL is down", "pg.md#postgresql-subtransactions", "down"),
        ("Kibana down", "site.md#when-the-site-is-down", "kibana"),
        ("Elasticsearch disk full", "metrics.md#metrics-pod-disk-full", "elasticsearch"),
    ])
    func anEntryThatSaysHalfOfAShortAlertIsACandidate(text: String, entry: String, word: String) throws {
        let best = try ShortAlertTests.best(text)
        #expect(best.entry == entry)
        #expect(best.score <= ServiceScope.ceiling)
        #expect(best.evidence.first?.term == "\(word): a word of this short alert that the entry never says")
    }

    @Test(arguments: [
        ("Site down", "site.md#when-the-site-is-down"),
        // Said otherwise: `unreachable` is `down` in the operations vocabulary.
        ("Site unreachable", "site.md#when-the-site-is-down"),
        ("PostgreSQL subtransactions", "pg.md#postgresql-subtransactions"),
        ("Metrics disk full", "metrics.md#metrics-pod-disk-full"),
        // The heading said whole: the other word says where the alert fired.
        ("Queue backlog ledger7", "queue.md#queue-backlog"),
    ])
    func anEntryThatSaysAllOfAShortAlertAnswersIt(text: String, entry: String) throws {
        let best = try ShortAlertTests.best(text)
        #expect(best.entry == entry)
        #expect(best.score >= MatchIndex.defaultThreshold)
    }
}
