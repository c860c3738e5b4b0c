import Foundation

/// One message to one channel, as the outbox will keep it.
public struct OutboxDelivery: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var incidentID: Int64
    /// Name of the channel to send to.
    public var channel: String
    /// Lets the receiver drop a repeat: deliveries are sent at least once.
    public var idempotencyKey: String
    public var body: Data
    public var attempts: Int
    public var dueAt: Date

    public init(
        id: Int64, incidentID: Int64, channel: String, idempotencyKey: String, body: Data, attempts: Int, dueAt: Date
    ) {
        self.id = id
        self.incidentID = incidentID
        self.channel = channel
        self.idempotencyKey = idempotencyKey
        self.body = body
        self.attempts = attempts
        self.dueAt = dueAt
    }
}
