/// What an ingest stored: how many alerts, into which incidents.
public struct IngestResult: Sendable, Hashable, Codable {
    /// Alerts taken from the request (a resolved alert that was never seen firing counts, and joins nothing).
    public var accepted: Int
    /// Ids of the incidents the alerts went into, without repeats, in the order first touched.
    public var incidentIDs: [Int64]
    /// Deliveries written to the outbox with it: the server wakes its dispatcher when there are any.
    public var queuedDeliveries: Int

    public init(accepted: Int, incidentIDs: [Int64], queuedDeliveries: Int = 0) {
        self.accepted = accepted
        self.incidentIDs = incidentIDs
        self.queuedDeliveries = queuedDeliveries
    }
}
