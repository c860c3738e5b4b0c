import CoreMetrics
import Prometheus

/// One server's Prometheus registry and the swift-metrics factory that records into it.
///
/// Metrics are created against `factory` rather than the global `MetricsSystem`, so that several servers (tests)
/// in one process keep separate counts. `runbook serve` also bootstraps `MetricsSystem` with the same factory, so
/// that libraries' own metrics land in the same registry.
public struct MetricsExporter: Sendable {
    /// The registry `/metrics` prints.
    public let registry: PrometheusCollectorRegistry
    /// The factory that records into `registry`.
    public let factory: PrometheusMetricsFactory

    /// An exporter with a new registry, with histogram buckets fine enough for millisecond latencies.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        factory.valueHistogramBuckets[RunbookMetrics.ingestBatchSizeLabel] = [
            1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 5_000,
        ]
        self.factory = factory
    }

    /// Every metric in the Prometheus text exposition format.
    public func render() -> String {
        registry.emitToString()
    }
}
