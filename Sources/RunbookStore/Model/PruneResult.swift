/// What a retention run deleted.
public struct PruneResult: Sendable, Hashable, Codable {
    public var incidents: Int
    public var alerts: Int
    public var payloads: Int

    public init(incidents: Int, alerts: Int, payloads: Int) {
        self.incidents = incidents
        self.alerts = alerts
        self.payloads = payloads
    }
}
