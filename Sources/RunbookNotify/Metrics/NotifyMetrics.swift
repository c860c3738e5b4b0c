import CoreMetrics
import Foundation
import RunbookStore

/// The dispatcher's metrics, with label values from small fixed sets (channel type, result).
public struct NotifyMetrics: Sendable {
    let factory: any MetricsFactory
    private let loops: Counter
    private let pending: Gauge
    private let due: Gauge
    private let retrying: Gauge
    private let held: Gauge
    private let dead: Gauge
    private let oldestDueAge: Gauge

    /// Metrics recorded through `factory` (the global `MetricsSystem` when not given).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        loops = Counter(label: "runbook_dispatcher_loops_total", dimensions: [], factory: factory)
        pending = Gauge(label: "runbook_outbox_pending", dimensions: [], factory: factory)
        due = Gauge(label: "runbook_outbox_due", dimensions: [], factory: factory)
        retrying = Gauge(label: "runbook_outbox_retrying", dimensions: [], factory: factory)
        held = Gauge(label: "runbook_outbox_held", dimensions: [], factory: factory)
        dead = Gauge(label: "runbook_outbox_dead", dimensions: [], factory: factory)
        oldestDueAge = Gauge(label: "runbook_outbox_oldest_due_age_seconds", dimensions: [], factory: factory)
    }

    /// Counts one dispatcher loop.
    public func loop() {
        loops.increment()
    }

    /// Counts one try by channel type and result (`sent`, `retried`, `dead`, `abandoned`) and records how long
    /// it took.
    func delivered(channelType: String, result: DeliveryOutcome.Result, duration: TimeInterval) {
        let type = ["slack", "webhook", "pagerduty"].contains(channelType) ? channelType : "unknown"
        let result = switch result {
        case .sent: "sent"
        case .retried: "retried"
        case .dead: "dead"
        case .abandoned: "abandoned"
        }
        Counter(label: "runbook_deliveries_total", dimensions: [("channel_type", type), ("result", result)],
                factory: factory).increment()
        Timer(label: "runbook_delivery_duration_seconds", dimensions: [("channel_type", type)], factory: factory)
            .recordNanoseconds(Int64(duration * 1_000_000_000))
    }

    /// Sets the outbox gauges from `statistics` taken at `now`.
    public func outbox(_ statistics: OutboxStatistics, now: Date) {
        pending.record(statistics.pending)
        due.record(statistics.due)
        retrying.record(statistics.retrying)
        held.record(statistics.held)
        dead.record(statistics.dead)
        oldestDueAge.record(statistics.oldestDueAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }
}
