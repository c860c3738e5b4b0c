import Foundation
import RunbookStore

/// `/__heartbeat__`'s notification check: no due delivery has waited longer than `maxDueAge`.
///
/// A delivery due for longer means the dispatcher is stuck, down or far behind: people are not hearing about
/// incidents. Retries waiting for their time are not due; but a follow-up (acknowledge, resolve) queued behind a
/// retrying delivery of its incident and channel is, so a receiver down for longer than the limit fails it too.
public struct OutboxHeartbeatCheck: HeartbeatCheck {
    public let name = "notifications"
    private let outbox: any OutboxStore
    private let maxDueAge: TimeInterval
    private let now: @Sendable () -> Date

    /// A check of `outbox` against `maxDueAge` seconds, at the time `now` gives.
    public init(outbox: any OutboxStore, maxDueAge: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.outbox = outbox
        self.maxDueAge = maxDueAge
        self.now = now
    }

    /// The backlog in words, or a failure when the oldest due delivery is too old.
    public func check() async throws -> String {
        let now = now()
        let statistics = try await outbox.outboxStatistics(now: now)
        let age = statistics.oldestDueAt.map { now.timeIntervalSince($0) } ?? 0
        guard age <= maxDueAge else {
            throw HeartbeatFailure(
                "the oldest due delivery has waited \(Int(age)) s (limit \(Int(maxDueAge)) s); "
                    + "\(statistics.due) due, \(statistics.pending) pending, \(statistics.dead) dead"
            )
        }
        return "\(statistics.due) due, oldest \(Int(age)) s; \(statistics.pending) pending, \(statistics.dead) dead"
    }
}
