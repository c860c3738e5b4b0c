import Foundation
import RunbookCore

/// One message to one channel, kept in the durable outbox until it is sent or given up (dead).
public struct OutboxDelivery: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    /// The incident it is about; for a digest, the first incident it lists.
    public var incidentID: Int64
    public var route: String
    /// Name of the channel to send to.
    public var channel: String
    public var kind: DeliveryKind
    public var state: DeliveryState
    /// Lets the receiver drop a repeat: deliveries are sent at least once, always with this key.
    public var idempotencyKey: String
    /// Failed tries since it was written or last retried by hand.
    public var attempts: Int
    public var createdAt: Date
    /// When it may be tried next.
    public var dueAt: Date
    /// Start of the current retry period: creation, or the last manual retry; the give-up age counts from it.
    public var retryingSince: Date
    public var lastError: String?
    public var sentAt: Date?
    /// For a digest: every incident it lists, in the order they opened.
    public var digestIncidentIDs: [Int64]

    public init(
        id: Int64, incidentID: Int64, route: String, channel: String, kind: DeliveryKind, state: DeliveryState,
        idempotencyKey: String, attempts: Int, createdAt: Date, dueAt: Date, retryingSince: Date,
        lastError: String? = nil, sentAt: Date? = nil, digestIncidentIDs: [Int64] = []
    ) {
        self.id = id
        self.incidentID = incidentID
        self.route = route
        self.channel = channel
        self.kind = kind
        self.state = state
        self.idempotencyKey = idempotencyKey
        self.attempts = attempts
        self.createdAt = createdAt
        self.dueAt = dueAt
        self.retryingSince = retryingSince
        self.lastError = lastError
        self.sentAt = sentAt
        self.digestIncidentIDs = digestIncidentIDs
    }
}

/// Where a delivery stands.
public enum DeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting to be tried (or leased to a dispatcher that is trying it).
    case pending
    /// Held back during a storm: listed in its route's digest instead of sent alone.
    case held
    case sent
    /// Given up after its last try; stays visible with its last error until retried or pruned.
    case dead
}
