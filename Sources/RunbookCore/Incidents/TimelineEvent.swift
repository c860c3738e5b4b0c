import Foundation

/// Anything that happened to an incident, in the order it happened.
///
/// Re-fires of an alert are folded into one `alertRefired` event per alert whose `count`
/// grows, so an alert storm does not flood the timeline.
public struct TimelineEvent: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store; nil until stored.
    public var id: Int64?
    public var incidentID: Int64
    public var at: Date
    public var kind: Kind
    /// Who did it: an operator's name, or the source's name for alert-driven events.
    public var actor: String?
    /// What a person reads: the alert title, the entry id, the note, the reason for a retraction.
    public var detail: String?
    /// Dedup key of the alert the event is about, when it is about one.
    public var alertKey: String?
    /// How many occurrences the event stands for (re-fires are counted, not repeated).
    public var count: Int

    /// What kind of thing happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case alertFired, alertRefired, alertResolved, matched, acknowledged, note, resolved, reopened, retracted
        case silenced, notified, deliveryFailed
        /// An operator chose the incident's entry (or said none fits); `detail` names it and gives their note.
        case entryChosen
    }

    public init(
        id: Int64? = nil, incidentID: Int64, at: Date, kind: Kind, actor: String? = nil, detail: String? = nil,
        alertKey: String? = nil, count: Int = 1
    ) {
        self.id = id
        self.incidentID = incidentID
        self.at = at
        self.kind = kind
        self.actor = actor
        self.detail = detail
        self.alertKey = alertKey
        self.count = count
    }
}
