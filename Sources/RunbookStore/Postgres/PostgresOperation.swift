/// What the store leased a connection for: the `operation` label of `runbook_db_query_seconds`.
///
/// Few values, as a metric label must have: one per kind of work an operator would want to tell apart when the
/// database slows down.
enum PostgresOperation: String, Sendable, CaseIterable {
    /// A group commit of ingest requests.
    case ingestCommit = "ingest_commit"
    /// A group commit of delivery results.
    case outcomeCommit = "outcome_commit"
    /// A dispatcher's claim of due deliveries.
    case outboxClaim = "outbox_claim"
    /// A page of incidents, deliveries, silences or other lists the console and API show.
    case list
    /// One incident with its alerts and timeline.
    case incident
    /// An operator's change to an incident (acknowledge, note, resolve, reopen, binding).
    case incidentChange = "incident_change"
    /// The coverage report.
    case coverage
    /// A lookup on an ingest request's path: integration, token, binding.
    case lookup
    /// The heartbeat's write and read, and the metrics' sample.
    case heartbeat
    /// Console users and sessions.
    case console
    /// A cluster job's lock, a reload message, retention.
    case cluster
    /// Migrations and anything not named above.
    case other
}
