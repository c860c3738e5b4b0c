import Foundation
import RunbookCore
import RunbookStore

/// An in-memory outbox with incidents, for dispatcher tests that need exact control of the rows.
///
/// It follows the `OutboxStore` contract the dispatcher relies on (claim due pending rows under a lease, mark
/// sent or failed, thread references). Ingest opens one incident per group key and queues a triggered delivery
/// to `fallbackChannel` for Runbook's own alerts, as the planner would.
actor MemoryOutbox: OutboxStore, IncidentStore, IngestStore {
    var rows: [Int64: OutboxDelivery] = [:]
    var leases: [Int64: Date] = [:]
    var references: [Int64: String] = [:]
    var attemptLog: [DeliveryAttempt] = []
    var details: [Int64: IncidentDetail] = [:]
    var ingested: [IngestRequest] = []
    var scheduledCalls: [Date] = []
    /// The last run of each periodic job (`JobCoordination`, in `MemoryOutbox+Jobs.swift`).
    var jobRuns: [String: Date] = [:]
    private var nextID: Int64 = 1
    private var nextIncident: Int64 = 1000
    let fallbackChannel: String

    init(fallbackChannel: String = "fallback") {
        self.fallbackChannel = fallbackChannel
    }

    /// Stores an incident whose first alert carries `labels` and `matches`.
    func addIncident(_ incident: Incident, labels: [String: String], matches: [Match] = []) {
        let alert = Alert(source: incident.source, labels: labels, title: incident.title, dedupKey: incident.groupKey)
        var stored = StoredAlert(id: incident.id, incidentID: incident.id, alert: alert, key: incident.key,
                                 fireCount: 1, firstSeen: incident.openedAt, lastSeen: incident.openedAt)
        stored.matches = matches
        details[incident.id] = IncidentDetail(incident: incident, alerts: [stored], timeline: [])
    }

    /// Queues a pending delivery and returns it.
    @discardableResult
    func enqueue(incidentID: Int64, channel: String, kind: DeliveryKind = .triggered, at: Date,
                 route: String = "main") -> OutboxDelivery {
        let id = nextID
        nextID += 1
        let delivery = OutboxDelivery(
            id: id, incidentID: incidentID, route: route, channel: channel, kind: kind, state: .pending,
            idempotencyKey: "runbook-delivery-\(id)", attempts: 0, createdAt: at, dueAt: at, retryingSince: at
        )
        rows[id] = delivery
        return delivery
    }

    func row(_ id: Int64) -> OutboxDelivery? {
        rows[id]
    }

    // MARK: OutboxStore

    func claimDeliveries(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxDelivery] {
        let due = rows.values
            .filter { $0.state == .pending && $0.dueAt <= now && (leases[$0.id].map { $0 <= now } ?? true) }
            .sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
            .prefix(limit)
        for delivery in due {
            leases[delivery.id] = now.addingTimeInterval(lease)
        }
        return Array(due)
    }

    func markDelivered(id: Int64, attempt: DeliveryAttempt, reference: String?) async throws {
        rows[id]?.state = .sent
        rows[id]?.sentAt = attempt.at
        leases[id] = nil
        if let reference { references[id] = reference }
        attemptLog.append(attempt)
    }

    func markFailed(id: Int64, attempt: DeliveryAttempt, retryAt: Date?) async throws {
        rows[id]?.attempts += 1
        rows[id]?.lastError = attempt.error
        leases[id] = nil
        if let retryAt {
            rows[id]?.dueAt = retryAt
        } else {
            rows[id]?.state = .dead
        }
        attemptLog.append(attempt)
    }

    func deliveries(matching query: DeliveryQuery) async throws -> [OutboxDelivery] {
        rows.values.filter { query.state == nil || $0.state == query.state }.sorted { $0.id > $1.id }
    }

    func attempts(deliveryID: Int64) async throws -> [DeliveryAttempt] {
        attemptLog.filter { $0.deliveryID == deliveryID }
    }

    func retryDeliveries(ids: [Int64]?, at: Date) async throws -> Int {
        0
    }

    func outboxStatistics(now: Date) async throws -> OutboxStatistics {
        let pending = rows.values.filter { $0.state == .pending }
        let due = pending.filter { $0.dueAt <= now }
        return OutboxStatistics(
            pending: pending.count, due: due.count, retrying: pending.filter { $0.attempts > 0 }.count,
            held: 0, dead: rows.values.filter { $0.state == .dead }.count, oldestDueAt: due.map(\.dueAt).min()
        )
    }

    func threadReference(incidentID: Int64, channel: String) async throws -> String? {
        rows.values.filter { $0.incidentID == incidentID && $0.channel == channel && $0.state == .sent }
            .sorted { $0.id < $1.id }
            .compactMap { references[$0.id] }
            .first
    }

    func planScheduled(now: Date, repeatInterval: TimeInterval) async throws -> Int {
        scheduledCalls.append(now)
        return 0
    }

    func pruneDeliveries(olderThan cutoff: Date) async throws -> Int {
        0
    }

    // MARK: IngestStore

    func ingest(_ request: IngestRequest) async throws -> IngestResult {
        ingested.append(request)
        guard let first = request.alerts.first else { return IngestResult(accepted: 0, incidentIDs: []) }
        if let existing = details.values.first(where: { $0.incident.groupKey == first.alert.groupKey }) {
            return IngestResult(accepted: 1, incidentIDs: [existing.incident.id])
        }
        nextIncident += 1
        let incident = Incident(
            id: nextIncident, key: first.key, title: first.alert.title, source: first.alert.source,
            severity: first.alert.severity, groupKey: first.alert.groupKey, entryID: first.matches.first?.entry,
            score: first.matches.first?.score, openedAt: request.receivedAt, openedBy: "runbook"
        )
        addIncident(incident, labels: first.alert.labels)
        enqueue(incidentID: incident.id, channel: fallbackChannel, at: request.receivedAt, route: "fallback")
        return IngestResult(accepted: 1, incidentIDs: [incident.id], queuedDeliveries: 1)
    }

    func ingestStatistics() async -> IngestStatistics {
        IngestStatistics()
    }

    // MARK: IncidentStore (only what the dispatcher reads)

    func incident(id: Int64) async throws -> IncidentDetail {
        guard let detail = details[id] else { throw StoreError.notFound("no incident \(id)") }
        return detail
    }

    func incidents(matching query: IncidentQuery) async throws -> IncidentPage {
        IncidentPage(incidents: details.values.map(\.incident), nextCursor: nil)
    }

    func payloads(alertID: Int64) async throws -> [StoredPayload] { [] }

    func acknowledge(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await incident(id: incidentID).incident
    }

    func addNote(incidentID: Int64, text: String, by actor: String, at: Date) async throws -> TimelineEvent {
        TimelineEvent(incidentID: incidentID, at: at, kind: .note, actor: actor, detail: text)
    }

    func resolve(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await incident(id: incidentID).incident
    }

    func reopen(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await incident(id: incidentID).incident
    }

    func retractAlert(id: Int64, by actor: String, reason: String, at: Date) async throws {}

    func retractIncident(id: Int64, by actor: String, reason: String, at: Date) async throws {}

    func coverage(threshold: Double, limit: Int) async throws -> [CoverageItem] { [] }

    func prune(olderThan cutoff: Date) async throws -> PruneResult {
        PruneResult(incidents: 0, alerts: 0, payloads: 0)
    }
}
