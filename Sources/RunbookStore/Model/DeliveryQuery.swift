/// Which deliveries to list: newest first.
public struct DeliveryQuery: Sendable, Hashable {
    public var state: DeliveryState?
    public var incidentID: Int64?
    public var limit: Int

    public init(state: DeliveryState? = nil, incidentID: Int64? = nil, limit: Int = 100) {
        self.state = state
        self.incidentID = incidentID
        self.limit = limit
    }
}
