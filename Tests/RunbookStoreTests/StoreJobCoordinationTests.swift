import Foundation
import RunbookStore
import Testing

/// Periodic jobs run once per period across the nodes sharing a store (`JobCoordination`).
struct StoreJobCoordinationTests {
    /// Nodes asking for one job at one moment, from two stores on one database, each node on its own store.
    static func race(
        _ first: some JobCoordination, _ second: some JobCoordination, job: String, period: TimeInterval, at: Date
    ) async throws -> [String] {
        try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<12 {
                let node = "node-\(index)"
                group.addTask {
                    let won = index.isMultiple(of: 2)
                        ? try await first.claimJobRun(job, period: period, now: at, node: node)
                        : try await second.claimJobRun(job, period: period, now: at, node: node)
                    return won ? node : nil
                }
            }
            var winners: [String] = []
            for try await winner in group {
                if let winner { winners.append(winner) }
            }
            return winners
        }
    }

    @Test
    func aSQLiteStoreIsOneNodeAndAlwaysRunsItsJobs() async throws {
        try await StoreKind.sqlite.withStore { store in
            let sqlite = try #require(store as? SQLiteStore)
            for seconds in [0.0, 1, 1] {
                #expect(try await sqlite.claimJobRun("retention", period: 60, now: Fixture.at(seconds), node: "a"))
            }
        }
    }

    @Test(.enabled(if: PostgresTestDatabase.enabled, Comment(rawValue: PostgresTestDatabase.skipReason)))
    func oneOfTwoPostgresNodesRunsAJobPerPeriod() async throws {
        let location = try PostgresTestDatabase.makeLocation()
        try await PostgresTestDatabase.withStore(at: location) { first in
            try await PostgresTestDatabase.withStore(at: location) { second in
                // The first claim also creates the table, from twelve sessions at once.
                #expect(try await Self.race(first, second, job: "retention", period: 60, at: Fixture.at(0)).count == 1)
                #expect(try await Self.race(first, second, job: "retention", period: 60, at: Fixture.at(59)).isEmpty)
                #expect(try await Self.race(first, second, job: "retention", period: 60, at: Fixture.at(60)).count == 1)
                let other = try await Self.race(first, second, job: "notify.scheduled", period: 1, at: Fixture.at(61))
                #expect(other.count == 1)
            }
        }
    }

    @Test(.enabled(if: PostgresTestDatabase.enabled, Comment(rawValue: PostgresTestDatabase.skipReason)))
    func aRunRecordedWithALaterClockHoldsOffANodeWhoseClockIsBehind() async throws {
        try await PostgresTestDatabase.withStore { store in
            var won: [Bool] = []
            for (seconds, node) in [(100.0, "ahead"), (90, "behind"), (150, "behind"), (160, "behind")] {
                won.append(try await store.claimJobRun("retention", period: 60, now: Fixture.at(seconds), node: node))
            }
            #expect(won == [true, false, false, true])
        }
    }
}
