import Foundation
import RunbookCore

/// The JSON a generic webhook receives (documented in `docs/WEBHOOKS.md`), in the Standard Webhooks shape:
/// `type`, `timestamp`, `data`.
struct WebhookBody: Encodable, Sendable {
    var type: String
    var timestamp: Date
    var data: WebhookData

    init(_ message: NotificationMessage) {
        type = "incident." + message.kind.rawValue
        timestamp = message.sentAt
        data = WebhookData(
            delivery: WebhookDelivery(id: message.idempotencyKey, kind: message.kind.rawValue, route: message.route),
            incident: WebhookIncident(message.incident, url: message.incidentURL, acknowledgeURL: message.acknowledgeURL),
            alerts: message.alerts.map(WebhookAlert.init),
            entry: message.entry,
            candidates: message.candidates.isEmpty ? nil : message.candidates,
            digest: message.kind == .digest
                ? WebhookDigest(incidents: message.digest, omitted: message.digestOmitted) : nil
        )
    }

    /// The body as bytes: keys sorted, dates in ISO 8601.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)) ?? Data()
    }
}

struct WebhookData: Encodable, Sendable {
    var delivery: WebhookDelivery
    var incident: WebhookIncident
    var alerts: [WebhookAlert]
    var entry: EntrySummary?
    /// With no entry, the best entries under the threshold; left out when there are none.
    var candidates: [EntryCandidate]?
    var digest: WebhookDigest?
}

struct WebhookDelivery: Encodable, Sendable {
    /// The idempotency key, the same as `webhook-id`.
    var id: String
    var kind: String
    var route: String
}

struct WebhookIncident: Encodable, Sendable {
    var id: Int64
    var state: String
    var key: String
    var title: String
    var source: String
    var severity: String?
    var url: URL?
    /// The signed one-click acknowledge link, while the incident is triggered.
    var acknowledgeUrl: URL?
    var openedAt: Date
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var resolvedAt: Date?
    var resolvedBy: String?
    var alertCount: Int
    var firingCount: Int

    init(_ incident: Incident, url: URL?, acknowledgeURL: URL? = nil) {
        id = incident.id
        state = incident.state.rawValue
        key = incident.key
        title = incident.title
        source = incident.source.rawValue
        severity = incident.severity
        self.url = url
        acknowledgeUrl = acknowledgeURL
        openedAt = incident.openedAt
        acknowledgedAt = incident.acknowledgedAt
        acknowledgedBy = incident.acknowledgedBy
        resolvedAt = incident.resolvedAt
        resolvedBy = incident.resolvedBy
        alertCount = incident.alertCount
        firingCount = incident.firingCount
    }
}

struct WebhookAlert: Encodable, Sendable {
    var source: String
    var status: String
    var title: String
    var labels: [String: String]
    var annotations: [String: String]
    var startsAt: Date?
    var endsAt: Date?
    var dedupKey: String
    var severity: String?
    var url: String?

    init(_ alert: Alert) {
        source = alert.source.rawValue
        status = alert.status.rawValue
        title = alert.title
        labels = alert.labels
        annotations = alert.annotations
        startsAt = alert.startsAt
        endsAt = alert.endsAt
        dedupKey = alert.dedupKey
        // Fields with no value are left out, as docs/WEBHOOKS.md says, not sent as "".
        severity = alert.severity.flatMap { $0.isEmpty ? nil : $0 }
        url = alert.url.flatMap { $0.isEmpty ? nil : $0 }
    }
}

struct WebhookDigest: Encodable, Sendable {
    var incidents: [DigestItem]
    /// Incidents the digest stands for beyond those listed.
    var omitted: Int
}
