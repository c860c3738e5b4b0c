import Foundation
import RunbookCore

/// One delivery rendered for sending: the incident as it stands now, the entry to show and the links.
///
/// Channels turn it into their own format; it holds no channel secret.
public struct NotificationMessage: Sendable, Hashable {
    public var deliveryID: Int64
    /// Sent as `Idempotency-Key` / `webhook-id`: the same on every try.
    public var idempotencyKey: String
    public var kind: DeliveryKind
    public var route: String
    public var incident: Incident
    /// The incident's alerts (oldest first, at most `NotificationMessage.alertLimit`), retracted ones left out.
    public var alerts: [Alert]
    /// Labels of the alert that opened the incident.
    public var labels: [String: String]
    public var entry: EntrySummary?
    /// With no entry, the best entries the matcher found under the threshold (at most `EntryCandidate.limit`).
    public var candidates: [EntryCandidate]
    /// `consoleURL/incidents/<id>`, when a console URL is configured.
    public var incidentURL: URL?
    /// A signed one-click acknowledge link (see `AcknowledgeLinks`), for an incident that is still triggered.
    public var acknowledgeURL: URL?
    /// For a digest: the incidents it lists (at most `NotificationMessage.digestLimit`).
    public var digest: [DigestItem]
    /// For a digest: how many more incidents it stands for than it lists.
    public var digestOmitted: Int
    /// The reference of the incident's first message on this channel (a Slack thread), for follow-ups.
    public var threadReference: String?
    /// When the delivery was planned.
    public var createdAt: Date
    /// When this try is made.
    public var sentAt: Date

    /// Most alerts a message carries.
    public static let alertLimit = 20
    /// Most incidents a digest lists by name.
    public static let digestLimit = 10

    /// A message; only what every channel needs is required.
    public init(
        deliveryID: Int64, idempotencyKey: String, kind: DeliveryKind, route: String, incident: Incident,
        alerts: [Alert] = [], labels: [String: String] = [:], entry: EntrySummary? = nil,
        candidates: [EntryCandidate] = [], incidentURL: URL? = nil, digest: [DigestItem] = [], digestOmitted: Int = 0,
        threadReference: String? = nil, createdAt: Date, sentAt: Date
    ) {
        self.deliveryID = deliveryID
        self.idempotencyKey = idempotencyKey
        self.kind = kind
        self.route = route
        self.incident = incident
        self.alerts = alerts
        self.labels = labels
        self.entry = entry
        self.candidates = candidates
        self.incidentURL = incidentURL
        self.digest = digest
        self.digestOmitted = digestOmitted
        self.threadReference = threadReference
        self.createdAt = createdAt
        self.sentAt = sentAt
    }

    /// How many incidents a digest stands for in all.
    public var digestTotal: Int {
        digest.count + digestOmitted
    }
}
