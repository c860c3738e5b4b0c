import Foundation
import Logging
import RunbookStore
import ServiceLifecycle

/// Deletes resolved incidents older than the retention age, every `interval`, until graceful shutdown; a store
/// with an outbox also loses its sent and dead deliveries older than that age.
///
/// Open incidents are never pruned (see `IncidentStore.prune`). A failed run is logged and retried at the next
/// interval. Several nodes on one store prune once per interval between them: each asks the store's
/// `JobCoordination` before pruning. Time comes from the injected clock and `now`, so tests drive runs without waiting.
///
/// ```swift
/// let retention = RetentionService(store: store, age: .seconds(90 * 86_400), interval: .seconds(86_400),
///                                  logger: logger)
/// ```
public struct RetentionService<C: Clock>: Service where C.Duration == Duration {
    let store: any IncidentStore
    let age: Duration
    let interval: Duration
    let clock: C
    let now: @Sendable () -> Date
    let logger: Logger

    /// A job pruning `store` every `interval` of `clock`, keeping `age` of resolved history.
    public init(
        store: any IncidentStore, age: Duration, interval: Duration, clock: C, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.age = age
        self.interval = interval
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// Prunes once: everything resolved before `now - age`.
    @discardableResult
    public func prune() async throws -> PruneResult {
        let cutoff = now().addingTimeInterval(-Self.seconds(age))
        let result = try await store.prune(olderThan: cutoff)
        let deliveries = try await (store as? any OutboxStore)?.pruneDeliveries(olderThan: cutoff) ?? 0
        // Console sessions are pruned once they expire, whatever the retention age: they are credentials.
        let sessions = try await (store as? any ConsoleSessionStore)?.pruneConsoleSessions(at: now()) ?? 0
        logger.info("retention.pruned", metadata: [
            "retention.cutoff": .string(cutoff.formatted(.iso8601)),
            "retention.incidents": .stringConvertible(result.incidents),
            "retention.alerts": .stringConvertible(result.alerts),
            "retention.payloads": .stringConvertible(result.payloads),
            "retention.deliveries": .stringConvertible(deliveries),
            "retention.console_sessions": .stringConvertible(sessions),
        ])
        return result
    }

    public func run() async throws {
        guard interval > .zero else {
            try await gracefulShutdown()
            return
        }
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown {
                    try await clock.sleep(for: interval)
                }
            } catch {
                return
            }
            // Every node wakes on its own timer; one of them prunes per interval (`JobCoordination`).
            guard await PeriodicJobs.mayRun(
                "retention", period: Self.seconds(interval), now: now(), store: store, logger: logger)
            else { continue }
            do {
                try await prune()
            } catch {
                logger.error("retention.failed", metadata: ["error": .string(String(describing: error))])
            }
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let components = duration.components
        return TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}

extension RetentionService where C == ContinuousClock {
    /// A job on the system clock.
    public init(store: any IncidentStore, age: Duration, interval: Duration, logger: Logger) {
        self.init(store: store, age: age, interval: interval, clock: ContinuousClock(), logger: logger)
    }
}
