/// Which deliveries to list: newest first.
public struct DeliveryQuery: Sendable, Hashable {
    public var state: DeliveryState?
    public var incidentID: Int64?
    public var limit: Int
    /// Only the delivery with this id (none when there is no such delivery).
    public var id: Int64?

    public init(state: DeliveryState? = nil, incidentID: Int64? = nil, limit: Int = 100, id: Int64? = nil) {
        self.state = state
        self.incidentID = incidentID
        self.limit = limit
        self.id = id
    }
}
