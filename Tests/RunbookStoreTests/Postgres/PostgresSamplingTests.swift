import Foundation
import RunbookStore
import Testing

/// `DatabaseSampling` on a real PostgreSQL: the sample sees its own query's session at work.
@Suite(.enabled(if: PostgresTestDatabase.enabled, Comment(rawValue: PostgresTestDatabase.skipReason)))
struct PostgresSamplingTests {
    @Test
    func aSampleCountsItsOwnActiveSessionAndTimesTheQuery() async throws {
        try await PostgresTestDatabase.withStore { store in
            let sample = try await store.sampleDatabase()
            #expect((sample.sessions["active"] ?? 0) >= 1, "\(sample.sessions)")
            #expect(sample.roundTrip > .zero)
        }
    }
}
