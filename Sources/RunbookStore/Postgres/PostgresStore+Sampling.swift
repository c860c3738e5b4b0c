import Foundation
import PostgresNIO

extension PostgresStore: DatabaseSampling {
    /// Counts the client sessions of the store's database by state, timing the query through the pool, and records
    /// how many of them are this node's (`PostgresPoolMetrics.sampled`).
    public func sampleDatabase() async throws -> DatabaseSample {
        let started = ContinuousClock.now
        let rows = try await guardedRead("database sample") {
            try await self.client.query(
                """
                SELECT coalesce(state, 'unknown'), count(*),
                    count(*) FILTER (WHERE application_name = \(Self.applicationName))
                FROM pg_stat_activity
                WHERE datname = current_database() AND backend_type = 'client backend'
                GROUP BY 1
                """, operation: .heartbeat, logger: self.logger)
        }
        var sessions: [String: Int] = [:]
        var own = 0
        for try await (state, count, mine) in rows.decode((String, Int64, Int64).self) {
            sessions[state] = Int(count)
            own += Int(mine)
        }
        client.metrics.sampled(open: own)
        return DatabaseSample(sessions: sessions, roundTrip: started.duration(to: .now))
    }
}
