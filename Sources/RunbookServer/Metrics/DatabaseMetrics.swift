import CoreMetrics
import RunbookStore

/// The shared database's metrics: its sessions by state, and the time a probe query takes through the pool.
///
/// `runbook_db_sessions{state}` counts every node's sessions of the database (`active`, `idle`,
/// `idle_in_transaction`, `other`): active sessions near the pool size times the node count mean the pools are
/// saturated. `runbook_db_probe_seconds` is a histogram of the probe's round trip, which grows with the wait for a
/// free connection; `runbook_db_probe_failures_total` counts probes that got no answer.
///
/// ```swift
/// let metrics = DatabaseMetrics(factory: exporter.factory)
/// metrics.record(try await store.sampleDatabase())
/// ```
public struct DatabaseMetrics: Sendable {
    /// The state label's values; PostgreSQL's other states count as `other`.
    static let states = ["active", "idle", "idle_in_transaction", "other"]

    private let sessions: [String: Gauge]
    private let probe: Timer
    private let failures: Counter

    /// Metrics recorded through `factory`.
    public init(factory: any MetricsFactory) {
        sessions = Dictionary(uniqueKeysWithValues: Self.states.map { state in
            (state, Gauge(label: "runbook_db_sessions", dimensions: [("state", state)], factory: factory))
        })
        probe = Timer(label: "runbook_db_probe_seconds", dimensions: [], factory: factory)
        failures = Counter(label: "runbook_db_probe_failures_total", dimensions: [], factory: factory)
    }

    /// Records one sample: every state's gauge (zero when no session is in it) and the probe's time.
    public func record(_ sample: DatabaseSample) {
        var counts = Dictionary(uniqueKeysWithValues: Self.states.map { ($0, 0) })
        for (state, count) in sample.sessions {
            let label = state.replacingOccurrences(of: " ", with: "_")
            counts[Self.states.contains(label) ? label : "other", default: 0] += count
        }
        for (state, count) in counts {
            sessions[state]?.record(count)
        }
        probe.recordNanoseconds(
            sample.roundTrip.components.seconds * 1_000_000_000
                + sample.roundTrip.components.attoseconds / 1_000_000_000)
    }

    /// Counts a probe that failed.
    public func probeFailed() {
        failures.increment()
    }
}
