import Foundation
import RunbookCore

@testable import RunbookNotify

/// Messages and settings for channel tests, in our own words.
enum MessageFixtures {
    static let openedAt = Date(timeIntervalSince1970: 1_700_000_000)
    static let consoleURL = URL(string: "https://runbook.example.test")!

    static let labels = [
        "alertname": "QueueBacklogHigh", "service": "billing-worker", "namespace": "payments",
        "instance": "worker-3:9100", "severity": "critical", "pod": "billing-worker-7f9c",
    ]

    static func incident(id: Int64 = 42, state: IncidentState = .triggered, labels: [String: String] = labels)
        -> Incident
    {
        Incident(
            id: id, state: state, key: "QueueBacklogHigh billing-worker",
            title: "Queue backlog above 10k for billing-worker", source: .alertmanager, severity: "critical",
            groupKey: "group-\(id)", entryID: "queues.md#queuebackloghigh", score: 0.82, openedAt: openedAt,
            openedBy: "alertmanager", acknowledgedBy: state == .acknowledged ? "dana" : nil,
            resolvedBy: state == .resolved ? "erin" : nil, alertCount: 1, firingCount: 1
        )
    }

    static func entry() -> EntrySummary {
        EntrySummary(
            id: "queues.md#queuebackloghigh", title: "QueueBacklogHigh",
            url: URL(string: "https://runbook.example.test/runbooks/queues.md#queuebackloghigh"), confidence: 0.82,
            diagnosis: ["Check how many messages wait in the queue.", "Look for a stuck consumer."],
            command: "kubectl -n payments logs deploy/billing-worker --tail=100"
        )
    }

    static func message(
        kind: DeliveryKind = .triggered, labels: [String: String] = labels, incident: Incident? = nil,
        threadReference: String? = nil
    ) -> NotificationMessage {
        let incident = incident ?? self.incident(labels: labels)
        return NotificationMessage(
            deliveryID: 7, idempotencyKey: "runbook-delivery-7", kind: kind, route: "payments",
            incident: incident,
            alerts: [Alert(source: .alertmanager, labels: labels, annotations: ["summary": "backlog"],
                           title: incident.title, dedupKey: "fp-1", severity: "critical")],
            labels: labels, entry: entry(),
            incidentURL: consoleURL.appendingPathComponent("incidents/\(incident.id)"),
            threadReference: threadReference, createdAt: openedAt, sentAt: openedAt.addingTimeInterval(5)
        )
    }
}
