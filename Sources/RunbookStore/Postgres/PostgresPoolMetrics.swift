import CoreMetrics
import NIOConcurrencyHelpers

/// The pool's use and the time of its operations, as swift-metrics records them (`/metrics` on `runbook serve`).
///
/// - `runbook_db_pool_connections{state}`: `in_use` (leased now) and `idle` (open to the database but not leased,
///   updated when the sampler counts this node's sessions in `pg_stat_activity`);
/// - `runbook_db_pool_max_connections`: the configured pool size;
/// - `runbook_db_pool_waiting` and `runbook_db_pool_wait_seconds`: callers waiting for a connection now, and how long
///   each waited; a wait near the request deadline means the pool is too small for the load;
/// - `runbook_db_query_seconds{operation}`: how long each kind of operation (`PostgresOperation`) held its connection.
///
/// ```swift
/// let metrics = PostgresPoolMetrics(maximum: 20, factory: MetricsSystem.factory)
/// ```
final class PostgresPoolMetrics: Sendable {
    private struct Counts {
        var inUse = 0
        var waiting = 0
    }

    private let counts = NIOLockedValueBox(Counts())
    private let inUse: Gauge
    private let idle: Gauge
    private let waiting: Gauge
    private let wait: Timer
    private let operations: [PostgresOperation: Timer]

    /// Metrics of a pool of at most `maximum` connections, recorded through `factory`.
    init(maximum: Int, factory: any MetricsFactory) {
        inUse = Gauge(label: "runbook_db_pool_connections", dimensions: [("state", "in_use")], factory: factory)
        idle = Gauge(label: "runbook_db_pool_connections", dimensions: [("state", "idle")], factory: factory)
        waiting = Gauge(label: "runbook_db_pool_waiting", dimensions: [], factory: factory)
        wait = Timer(label: "runbook_db_pool_wait_seconds", dimensions: [], factory: factory)
        operations = Dictionary(uniqueKeysWithValues: PostgresOperation.allCases.map { operation in
            (operation, Timer(
                label: "runbook_db_query_seconds", dimensions: [("operation", operation.rawValue)], factory: factory))
        })
        Gauge(label: "runbook_db_pool_max_connections", dimensions: [], factory: factory).record(maximum)
        inUse.record(0)
        idle.record(0)
        waiting.record(0)
    }

    /// A caller asks for a connection; returns when.
    func asked() -> ContinuousClock.Instant {
        counts.withLockedValue { counts in
            counts.waiting += 1
            waiting.record(counts.waiting)
        }
        return .now
    }

    /// The caller who asked at `askedAt` got a connection; returns when.
    func granted(askedAt: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        wait.recordNanoseconds(Self.nanoseconds(askedAt.duration(to: now)))
        counts.withLockedValue { counts in
            counts.waiting -= 1
            counts.inUse += 1
            waiting.record(counts.waiting)
            inUse.record(counts.inUse)
        }
        return now
    }

    /// A caller stopped waiting without a connection (the pool failed or the task was cancelled).
    func gaveUp() {
        counts.withLockedValue { counts in
            counts.waiting -= 1
            waiting.record(counts.waiting)
        }
    }

    /// The connection granted at `grantedAt` went back to the pool after `operation`.
    func returned(_ operation: PostgresOperation, grantedAt: ContinuousClock.Instant) {
        operations[operation]?.recordNanoseconds(Self.nanoseconds(grantedAt.duration(to: .now)))
        counts.withLockedValue { counts in
            counts.inUse -= 1
            inUse.record(counts.inUse)
        }
    }

    /// Records how many connections this node has open to the database, as `pg_stat_activity` counted them; those
    /// not leased now are idle.
    func sampled(open: Int) {
        counts.withLockedValue { counts in
            idle.record(max(0, open - counts.inUse))
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
