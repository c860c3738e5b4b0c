import RunbookCore

/// One incident with its alerts and its timeline, oldest first.
public struct IncidentDetail: Sendable, Hashable, Codable {
    public var incident: Incident
    public var alerts: [StoredAlert]
    public var timeline: [TimelineEvent]

    public init(incident: Incident, alerts: [StoredAlert], timeline: [TimelineEvent]) {
        self.incident = incident
        self.alerts = alerts
        self.timeline = timeline
    }
}
