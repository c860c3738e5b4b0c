/// Everything the server needs from storage; every engine (SQLite now, PostgreSQL later) conforms
/// and passes the same contract test suite.
public protocol Store: IngestStore, IncidentStore, IntegrationStore, TokenStore {
    /// Finishes pending writes and closes the database.
    func close() async throws
}
