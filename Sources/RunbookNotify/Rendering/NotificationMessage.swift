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
    /// `consoleURL/incidents/<id>`, when a console URL is configured.
    public var incidentURL: URL?
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

    public init(
        deliveryID: Int64, idempotencyKey: String, kind: DeliveryKind, route: String, incident: Incident,
        alerts: [Alert] = [], labels: [String: String] = [:], entry: EntrySummary? = nil, incidentURL: URL? = nil,
        digest: [DigestItem] = [], digestOmitted: Int = 0, threadReference: String? = nil, createdAt: Date,
        sentAt: Date
    ) {
        self.deliveryID = deliveryID
        self.idempotencyKey = idempotencyKey
        self.kind = kind
        self.route = route
        self.incident = incident
        self.alerts = alerts
        self.labels = labels
        self.entry = entry
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

/// The matched entry as a message shows it: title, link, the start of its Diagnosis and its first command.
public struct EntrySummary: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// `consoleURL/runbooks/<entry id>`, when a console URL is configured.
    public var url: URL?
    /// The match's confidence in [0, 1].
    public var confidence: Double?
    /// The first lines of its Diagnosis part (of its text when it has none), placeholders filled.
    public var diagnosis: [String]
    /// Its first command, placeholders filled from the labels.
    public var command: String?

    public init(
        id: String, title: String, url: URL? = nil, confidence: Double? = nil, diagnosis: [String] = [],
        command: String? = nil
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.confidence = confidence
        self.diagnosis = diagnosis
        self.command = command
    }
}

/// One incident listed in a digest.
public struct DigestItem: Sendable, Hashable, Codable {
    public var incidentID: Int64
    public var key: String
    public var title: String
    public var severity: String?
    public var url: URL?

    public init(incidentID: Int64, key: String, title: String, severity: String? = nil, url: URL? = nil) {
        self.incidentID = incidentID
        self.key = key
        self.title = title
        self.severity = severity
        self.url = url
    }
}
