import Foundation

/// Everything the server needs from storage; every engine (SQLite now, PostgreSQL later) conforms
/// and passes the same contract test suite.
public protocol Store: IngestStore, IncidentStore, IntegrationStore, TokenStore, OutboxStore, SilenceStore,
    BindingStore
{
    /// Finishes pending writes and closes the database.
    func close() async throws

    /// Writes a marker row and reads it back, proving the database takes writes and serves reads.
    ///
    /// The server's `/__heartbeat__` runs it; a failure means alerts cannot be stored.
    func probe(at time: Date) async throws
}
