import Foundation

/// The durable outbox of notifications (a later issue): the shape a dispatcher will need, not yet implemented.
///
/// Deliveries are written in the ingest transaction that caused them, claimed in batches with a lease
/// (PostgreSQL: `FOR UPDATE SKIP LOCKED`), and end sent or dead after their last try.
public protocol OutboxStore: Sendable {
    /// Claims up to `limit` deliveries due at `now`, leased to the caller until `now + lease`.
    func claimDeliveries(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxDelivery]

    /// Marks a delivery sent.
    func markDelivered(id: Int64, at: Date) async throws

    /// Records a failed try: retried at `retryAt`, or dead when nil.
    func markFailed(id: Int64, error: String, retryAt: Date?, at: Date) async throws
}
