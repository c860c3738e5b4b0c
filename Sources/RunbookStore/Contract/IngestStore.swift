/// Durable ingestion: a request's payload, alerts, incidents and timeline, stored in one transaction.
///
/// When `ingest` returns, the data is on disk. Concurrent calls may share one transaction (group
/// commit); a request that fails fails alone and changes nothing.
public protocol IngestStore: Sendable {
    /// Stores the request and returns the incidents its alerts went into.
    func ingest(_ request: IngestRequest) async throws -> IngestResult

    /// How many requests have shared how many transactions since the store was opened.
    func ingestStatistics() async -> IngestStatistics
}
