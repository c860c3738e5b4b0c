import CoreMetrics


/// The domain metrics of a Runbook server, with label values kept to small fixed sets.
///
/// ```swift
/// metrics.alertReceived(source: "alertmanager", status: "firing")
/// metrics.matched(confident: true)
/// ```
public struct RunbookMetrics: Sendable {
    static let ingestBatchSizeLabel = "runbook_ingest_batch_size"

    /// Sources with a decoder; anything else counts as `other`.
    public static let sources: Set<String> = ["alertmanager", "sentry", "pingdom", "datadog", "cloudwatch", "generic"]

    let factory: any MetricsFactory
    private let incidentsOpen: Gauge
    private let libraryEntries: Gauge
    private let ingestBatchSize: Recorder
    private let received = MetricHandles<ReceivedKey, Counter>()
    private let matches = MetricHandles<Bool, Counter>()

    /// Metrics recorded through `factory`.
    public init(factory: any MetricsFactory) {
        self.factory = factory
        incidentsOpen = Gauge(label: "runbook_incidents_open", dimensions: [], factory: factory)
        libraryEntries = Gauge(label: "runbook_library_entries", dimensions: [], factory: factory)
        ingestBatchSize = Recorder(label: Self.ingestBatchSizeLabel, dimensions: [], aggregate: true, factory: factory)
    }

    /// Counts alerts received (one unless `count` says more), by source and status (`firing` or `resolved`).
    public func alertReceived(source: String, status: String, count: Int = 1) {
        let source = Self.sources.contains(source) ? source : "other"
        let status = ["firing", "resolved"].contains(status) ? status : "other"
        received.handle(ReceivedKey(source: source, status: status)) {
            Counter(label: "runbook_alerts_received_total", dimensions: [("source", source), ("status", status)],
                    factory: factory)
        }.increment(by: count)
    }

    /// Records the number of alerts in one ingest request.
    public func ingestBatch(size: Int) {
        ingestBatchSize.record(size)
    }

    /// Counts alerts (one unless `count` says more) matched to an entry with confidence (`matched`) or not
    /// (`unmatched`).
    public func matched(confident: Bool, count: Int = 1) {
        matches.handle(confident) {
            Counter(label: "runbook_matches_total", dimensions: [("result", confident ? "matched" : "unmatched")],
                    factory: factory)
        }.increment(by: count)
    }

    /// Sets the number of incidents not resolved.
    public func setIncidentsOpen(_ count: Int) {
        incidentsOpen.record(count)
    }

    /// Records a library reload, successful or not, and the entry count after a successful one.
    public func libraryReloaded(entries: Int?) {
        let result = entries == nil ? "failure" : "success"
        Counter(label: "runbook_library_reloads_total", dimensions: [("result", result)], factory: factory).increment()
        if let entries {
            libraryEntries.record(entries)
        }
    }

    /// The labels of `runbook_alerts_received_total`.
    private struct ReceivedKey: Hashable, Sendable {
        var source: String
        var status: String
    }
}
