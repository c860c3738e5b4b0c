import Foundation
import PostgresNIO

extension PostgresStore: JobCoordination {
    /// One upsert decides: it records the run only when the job has no row yet or its last run is at least `period`
    /// before `now`, and returns a row only when it recorded. Two nodes asking at once are serialised on the row's
    /// lock; the second sees the first's run and gets no row.
    public func claimJobRun(_ job: String, period: TimeInterval, now: Date, node: String) async throws -> Bool {
        let stamp = now.timeIntervalSince1970
        let rows = try await client.query(
            """
            INSERT INTO clusterJobs (job, node, lastRun) VALUES (\(job), \(node), \(stamp))
            ON CONFLICT (job) DO UPDATE SET node = EXCLUDED.node, lastRun = EXCLUDED.lastRun
            WHERE clusterJobs.lastRun <= EXCLUDED.lastRun - \(period)
            RETURNING node
            """, operation: .cluster, logger: logger)
        for try await _ in rows.decode(String.self) {
            return true
        }
        return false
    }
}
