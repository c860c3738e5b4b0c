import Foundation

/// The outbox at a glance, for metrics and the heartbeat.
public struct OutboxStatistics: Sendable, Hashable, Codable {
    /// Pending deliveries, due or not.
    public var pending: Int
    /// Pending deliveries due now.
    public var due: Int
    /// Pending deliveries that have failed at least once.
    public var retrying: Int
    public var held: Int
    public var dead: Int
    /// When the oldest due delivery became due; nil when none is due.
    public var oldestDueAt: Date?

    public init(pending: Int, due: Int, retrying: Int, held: Int, dead: Int, oldestDueAt: Date?) {
        self.pending = pending
        self.due = due
        self.retrying = retrying
        self.held = held
        self.dead = dead
        self.oldestDueAt = oldestDueAt
    }
}
