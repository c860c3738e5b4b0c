import Foundation
import RunbookCore
import RunbookStore

/// An outbox delivery as the API and `runbook deliveries … --json` show it.
///
/// The same fields as `OutboxDelivery`, named for the JSON API's snake_case (`digest_incidents`), with the
/// delivery's tries when one delivery is read alone.
public struct DeliveryResource: Sendable, Hashable, Codable {
    public var id: Int64
    public var incidentID: Int64
    public var route: String
    public var channel: String
    public var kind: DeliveryKind
    public var state: DeliveryState
    /// Sent with every try (`webhook-id`, `Idempotency-Key`), so the receiver can drop repeats.
    public var idempotencyKey: String
    /// Failed tries since it was written or last retried by hand.
    public var attempts: Int
    public var createdAt: Date
    public var dueAt: Date
    public var retryingSince: Date
    public var lastError: String?
    public var sentAt: Date?
    /// For a digest: every incident it lists.
    public var digestIncidents: [Int64]
    /// Every try, oldest first; only when one delivery is read alone.
    public var tries: [DeliveryAttempt]?

    /// The delivery, with its tries when given.
    public init(_ delivery: OutboxDelivery, tries: [DeliveryAttempt]? = nil) {
        id = delivery.id
        incidentID = delivery.incidentID
        route = delivery.route
        channel = delivery.channel
        kind = delivery.kind
        state = delivery.state
        idempotencyKey = delivery.idempotencyKey
        attempts = delivery.attempts
        createdAt = delivery.createdAt
        dueAt = delivery.dueAt
        retryingSince = delivery.retryingSince
        lastError = delivery.lastError
        sentAt = delivery.sentAt
        digestIncidents = delivery.digestIncidentIDs
        self.tries = tries
    }
}
