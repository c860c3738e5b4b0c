import Foundation

/// Something that happened to an incident that people may need to hear about.
///
/// The store builds one inside the transaction that makes the change and hands it to a `DeliveryPlanning`,
/// so the deliveries it plans are written in that same transaction.
public struct IncidentChange: Sendable, Hashable {
    /// The incident as it is after the change.
    public var incident: Incident
    public var kind: Kind
    /// Labels to route and silence by: those of the alert that caused the change, or of the incident's
    /// first alert for operator actions and scheduled repeats.
    public var labels: [String: String]
    public var at: Date
    /// Who made the change: an operator for acknowledge and resolve, the source's name for alerts.
    public var actor: String?

    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A new incident, or one reopened by a firing alert or an operator.
        case opened
        /// Still triggered and unacknowledged after the repeat interval.
        case repeated
        /// A silence that held back its notification has ended while it is still open.
        case silenceEnded
        case acknowledged
        case resolved
    }

    public init(incident: Incident, kind: Kind, labels: [String: String], at: Date, actor: String? = nil) {
        self.incident = incident
        self.kind = kind
        self.labels = labels
        self.at = at
        self.actor = actor
    }

    /// The document of the matched entry (the entry id up to `#`), what routes match with `document`.
    public var document: String? {
        incident.entryID.map { id in id.firstIndex(of: "#").map { String(id[..<$0]) } ?? id }
    }
}
