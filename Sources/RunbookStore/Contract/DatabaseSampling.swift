import Foundation

/// A look at a shared database's load, for metrics: what its sessions are doing, and how long a trivial query
/// takes through this node's connection pool (the wait for a free connection included).
///
/// PostgreSQL answers from `pg_stat_activity`; SQLite has no sessions to show and does not conform.
public protocol DatabaseSampling: Sendable {
    /// One sample, now.
    func sampleDatabase() async throws -> DatabaseSample
}

/// What `DatabaseSampling` saw.
public struct DatabaseSample: Sendable, Equatable {
    /// Sessions of the database, every node's, by state (`active`, `idle`, `idle in transaction`…).
    public var sessions: [String: Int]
    /// How long the sample's query took, from asking the pool for a connection to the last row.
    public var roundTrip: Duration

    public init(sessions: [String: Int], roundTrip: Duration) {
        self.sessions = sessions
        self.roundTrip = roundTrip
    }
}
