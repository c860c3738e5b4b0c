/// What a planner decided for one incident change: deliveries to write, and the silences that held any back.
public struct NotificationPlan: Sendable, Hashable {
    public var deliveries: [PlannedDelivery]
    /// Silences in force that matched the incident; when not empty, no triggered or repeated delivery is planned
    /// and the store records a `silenced` timeline event naming them.
    public var silencedBy: [Silence]

    public init(deliveries: [PlannedDelivery] = [], silencedBy: [Silence] = []) {
        self.deliveries = deliveries
        self.silencedBy = silencedBy
    }

    /// Nothing to send, nothing silenced.
    public static let none = NotificationPlan()
}
