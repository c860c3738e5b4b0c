import Testing

@testable import RunbookCore

/// A heading the alert's name states whole (`RedisReplicationFlapping`, `Replication flapping`) answers before a
/// service's documents that a host in the title (`redis-sidekiq-02`) names; without the rule the catchall document
/// ranks first.
struct NamedHeadingTests {
    static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "redis-sidekiq/README.md", "Redis-sidekiq Service",
            text: "The Redis instance that holds Sidekiq's queues. Dashboards and the owners of the service."),
        MatchFixtures.entry(
            "redis/redis-sidekiq-catchall.md", "Redis-sidekiq catchall workloads reduction",
            text: "Moving workloads off the catchall shard of redis-sidekiq when the link keeps getting busy."),
        MatchFixtures.entry(
            "redis/redis.md", "Replication flapping",
            text: "A replica that keeps losing its replication link to the primary: check the output buffer limits "
                + "and the network between the nodes, then the replication backlog size."),
        MatchFixtures.entry(
            "redis/redis.md", "Memory usage",
            text: "Find the keys that take the memory of a Redis instance."),
        MatchFixtures.entry("patroni/postgres.md", "Replication lag", text: "A Postgres replica falls behind."),
        MatchFixtures.entry("patroni/postgres.md", "Replication slots", text: "Slots that hold WAL on the primary."),
        MatchFixtures.entry("praefect/replication.md", "Praefect replication", text: "Gitaly replication jobs."),
    ])

    @Test func theHeadingTheAlertNameStatesAnswers() throws {
        let alert = MatchFixtures.alert(
            name: "RedisReplicationFlapping",
            title: "Redis replication link on redis-sidekiq-02 keeps breaking")
        let matches = MatchIndex(library: NamedHeadingTests.library).match(alert)
        let best = try #require(matches.first)
        #expect(best.entry == "redis/redis.md#replication-flapping")
        #expect(best.score >= MatchIndex.defaultThreshold)
    }
}
