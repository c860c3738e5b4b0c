import Foundation
import RunbookCore

/// Incident queries and the operator's actions on them; each action records who did it in the timeline.
///
/// Actions throw `StoreError` for an unknown id or a state that does not allow them.
public protocol IncidentStore: Sendable {
    /// One page of incidents: open ones first, then newest first.
    func incidents(matching query: IncidentQuery) async throws -> IncidentPage

    /// An incident with its alerts and timeline.
    func incident(id: Int64) async throws -> IncidentDetail

    /// How many incidents are open (triggered or acknowledged), for the `runbook_incidents_open` gauge.
    func openIncidentCount() async throws -> Int

    /// The raw payloads that carried an alert, oldest first; none once retracted or pruned.
    func payloads(alertID: Int64) async throws -> [StoredPayload]

    /// Acknowledges an open incident; acknowledging twice changes nothing.
    func acknowledge(incidentID: Int64, by actor: String, at: Date) async throws -> Incident

    /// Adds a note to the timeline.
    func addNote(incidentID: Int64, text: String, by actor: String, at: Date) async throws -> TimelineEvent

    /// Resolves an incident; resolving twice changes nothing.
    func resolve(incidentID: Int64, by actor: String, at: Date) async throws -> Incident

    /// Reopens a resolved incident; an open one stays as it is.
    func reopen(incidentID: Int64, by actor: String, at: Date) async throws -> Incident

    /// Purges an alert ingested in error: its labels, annotations, texts and payloads; an audit event says why.
    func retractAlert(id: Int64, by actor: String, reason: String, at: Date) async throws

    /// Purges every alert of an incident and the incident's title, keeping an audit event.
    func retractIncident(id: Int64, by actor: String, reason: String, at: Date) async throws

    /// Alert keys that fired with no match at or above `threshold`, most frequent first.
    func coverage(threshold: Double, limit: Int) async throws -> [CoverageItem]

    /// Deletes incidents resolved before `cutoff`, with their alerts, timelines and payloads; open ones stay.
    func prune(olderThan cutoff: Date) async throws -> PruneResult
}

extension IncidentStore {
    /// Counts by paging through the open incidents; a store that can count in one query does so instead.
    public func openIncidentCount() async throws -> Int {
        var query = IncidentQuery(states: [.triggered, .acknowledged], limit: 1000)
        var count = 0
        repeat {
            let page = try await incidents(matching: query)
            count += page.incidents.count
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return count
    }
}
