import Foundation
import RunbookCore

/// The durable outbox of notifications.
///
/// Deliveries are written by the store itself, in the transaction of the incident change that causes them,
/// as the configured `DeliveryPlanning` decides (`StoreConfiguration.planner`). Dispatchers claim due ones in
/// batches with a lease, so a dispatcher that dies mid-send only delays them until the lease ends
/// (PostgreSQL: `FOR UPDATE SKIP LOCKED`); each ends sent or dead.
public protocol OutboxStore: Sendable {
    /// Claims up to `limit` pending deliveries due at `now`, oldest due first, leased until `now + lease`.
    ///
    /// A delivery is not claimed while an earlier one for the same incident and channel is still pending,
    /// so a channel hears of an incident's trigger, acknowledgement and resolution in order. A claimed digest
    /// carries the incidents it lists.
    func claimDeliveries(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxDelivery]

    /// Records a successful try: the delivery is sent (a digest's held deliveries with it) and the incident's
    /// timeline gets a `notified` event. `reference` is what the receiver gave back to thread later messages
    /// on (a Slack message `ts`).
    func markDelivered(id: Int64, attempt: DeliveryAttempt, reference: String?) async throws

    /// Records a failed try: the delivery is due again at `retryAt`, or dead when nil (with a `deliveryFailed`
    /// timeline event).
    func markFailed(id: Int64, attempt: DeliveryAttempt, retryAt: Date?) async throws

    /// Deliveries, newest first.
    func deliveries(matching query: DeliveryQuery) async throws -> [OutboxDelivery]

    /// Every try of one delivery, oldest first.
    func attempts(deliveryID: Int64) async throws -> [DeliveryAttempt]

    /// Makes dead deliveries pending again, due at `at`, with their error count and retry period reset; `ids`
    /// nil means every dead delivery. Returns how many were reset; an id that is not dead throws `StoreError`.
    func retryDeliveries(ids: [Int64]?, at: Date) async throws -> Int

    /// Backlog figures at `now`.
    func outboxStatistics(now: Date) async throws -> OutboxStatistics

    /// The reference an earlier sent delivery for the incident and channel got back (its thread), if any.
    func threadReference(incidentID: Int64, channel: String) async throws -> String?

    /// Plans what time alone causes, in one transaction: repeats for incidents triggered and unacknowledged
    /// since `repeatInterval` after their last triggered or repeated delivery, and triggers for open incidents
    /// whose silence has ended without their being notified. Returns how many deliveries it wrote.
    func planScheduled(now: Date, repeatInterval: TimeInterval) async throws -> Int

    /// Deletes sent and dead deliveries (and their attempts) older than `cutoff`; returns how many.
    func pruneDeliveries(olderThan cutoff: Date) async throws -> Int
}
