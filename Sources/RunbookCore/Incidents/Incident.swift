import Foundation

/// One or more alerts that belong together, with a state, a matched entry and counters.
///
/// Alerts join an incident by dedup key, or by group key within one source; the group key is the source's group
/// and the alert's key (``IncidentGroup``), so alerts of different keys never share an incident. Times and ids are
/// given by the caller; the store assigns ids that never repeat.
public struct Incident: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var state: IncidentState
    /// The key of the alert that opened it (DESIGN.md: an alert boiled down to its searchable core).
    public var key: String
    /// The title of the alert that opened it.
    public var title: String
    public var source: AlertSource
    /// The most severe severity among its alerts, when any alert said one.
    public var severity: String?
    /// The source's group key and the alert key, joined by ``IncidentGroup/key(for:key:)``.
    public var groupKey: String
    /// Entry id of the confident match, if any.
    public var entryID: String?
    /// Confidence of that match.
    public var score: Double?
    public var openedAt: Date
    /// Who opened it: the source's name for alerts.
    public var openedBy: String
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var resolvedAt: Date?
    public var resolvedBy: String?
    /// When an alert of it last fired (re-fires included).
    public var lastSeen: Date
    /// Distinct alerts in it.
    public var alertCount: Int
    /// Alerts of it that are firing now.
    public var firingCount: Int

    public init(
        id: Int64, state: IncidentState = .triggered, key: String, title: String, source: AlertSource,
        severity: String? = nil, groupKey: String, entryID: String? = nil, score: Double? = nil, openedAt: Date,
        openedBy: String, acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil, resolvedAt: Date? = nil,
        resolvedBy: String? = nil, lastSeen: Date? = nil, alertCount: Int = 0, firingCount: Int = 0
    ) {
        self.id = id
        self.state = state
        self.key = key
        self.title = title
        self.source = source
        self.severity = severity
        self.groupKey = groupKey
        self.entryID = entryID
        self.score = score
        self.openedAt = openedAt
        self.openedBy = openedBy
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.lastSeen = lastSeen ?? openedAt
        self.alertCount = alertCount
        self.firingCount = firingCount
    }
}
