import Foundation
import PostgresNIO

extension PostgresStore: DatabaseSampling {
    /// Counts the client sessions of the store's database by state, timing the query through the pool.
    public func sampleDatabase() async throws -> DatabaseSample {
        let started = ContinuousClock.now
        let rows = try await client.query(
            """
            SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type = 'client backend'
            GROUP BY 1
            """, logger: logger)
        var sessions: [String: Int] = [:]
        for try await (state, count) in rows.decode((String, Int64).self) {
            sessions[state] = Int(count)
        }
        return DatabaseSample(sessions: sessions, roundTrip: started.duration(to: .now))
    }
}
