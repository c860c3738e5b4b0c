import Foundation
import NIOConcurrencyHelpers
import RunbookStore

/// `/__heartbeat__`'s notification check: no due delivery has waited longer than `maxDueAge`.
///
/// A delivery due for longer means the dispatcher is stuck, down or far behind: people are not hearing about
/// incidents. Retries waiting for their time are not due; but a follow-up (acknowledge, resolve) queued behind a
/// retrying delivery of its incident and channel is, so a receiver down for longer than the limit fails it too.
/// So does a receiver that keeps failing: once deliveries have been retrying, without a pause, for longer than
/// `maxDueAge` (as seen by successive checks), the check fails even though no retry is due yet.
public struct OutboxHeartbeatCheck: HeartbeatCheck {
    public let name = "notifications"
    private let statistics: @Sendable (Date) async throws -> OutboxStatistics
    private let maxDueAge: TimeInterval
    private let now: @Sendable () -> Date
    /// When a check first saw deliveries retrying, since when none of the checks saw the retries clear.
    private let retryingSince = NIOLockedValueBox<Date?>(nil)

    /// A check of `outbox` against `maxDueAge` seconds, at the time `now` gives.
    public init(outbox: any OutboxStore, maxDueAge: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.init(statistics: { try await outbox.outboxStatistics(now: $0) }, maxDueAge: maxDueAge, now: now)
    }

    /// A check of the statistics `statistics` reads, for tests that script the outbox.
    init(
        statistics: @escaping @Sendable (Date) async throws -> OutboxStatistics, maxDueAge: TimeInterval,
        now: @escaping @Sendable () -> Date
    ) {
        self.statistics = statistics
        self.maxDueAge = maxDueAge
        self.now = now
    }

    /// The backlog in words, or a failure when the oldest due delivery is too old.
    public func check() async throws -> String {
        let now = now()
        let statistics = try await statistics(now)
        let age = statistics.oldestDueAt.map { now.timeIntervalSince($0) } ?? 0
        let since = retryingSince.withLockedValue { since in
            since = statistics.retrying > 0 ? since ?? now : nil
            return since
        }
        if let since, now.timeIntervalSince(since) > maxDueAge {
            throw HeartbeatFailure(
                "\(statistics.retrying) deliveries have kept failing for \(Int(now.timeIntervalSince(since))) s "
                    + "(limit \(Int(maxDueAge)) s); is a receiver down? \(statistics.pending) pending, "
                    + "\(statistics.dead) dead"
            )
        }
        guard age <= maxDueAge else {
            throw HeartbeatFailure(
                "the oldest due delivery has waited \(Int(age)) s (limit \(Int(maxDueAge)) s); "
                    + "\(statistics.due) due, \(statistics.pending) pending, \(statistics.dead) dead"
            )
        }
        return "\(statistics.due) due, oldest \(Int(age)) s; \(statistics.pending) pending, \(statistics.dead) dead"
    }
}
