import Foundation
import RunbookCore

extension ConfigKey {
    /// The `limits:` section: how much one request may carry or ask for. Each is listed, with the error a client
    /// sees when it is hit, in the Limits section of `docs/CONFIGURATION.md`.
    static let limitKeys: [ConfigKey] = [
        count("limits.alerts_per_request", "Most alerts one ingest request may carry.", \.alertLimits.alertsPerRequest),
        count("limits.labels_per_alert", "Most labels of one alert, after merging common labels.",
              \.alertLimits.labelsPerAlert),
        bytes("limits.label_name_bytes", "Largest label name.", \.alertLimits.labelNameBytes),
        bytes("limits.label_value_bytes", "Largest label value.", \.alertLimits.labelValueBytes),
        bytes("limits.annotation_bytes", "Largest total of one alert's annotations, names and values.",
              \.alertLimits.annotationBytes),
        bytes("limits.request_alert_bytes", "Largest total of labels and annotations of one request, after merging.",
              \.alertLimits.requestAlertBytes),
        count("limits.filters_per_query", "Most label.* filters on one incidents query.", \.maxQueryFilters),
        scalar("limits.silence_length", "Longest silence granted.", expected: "a duration like 90d, 12h or 2w",
               parse: { ConfigDuration.parse($0).flatMap { $0 > .zero ? $0 : nil } }, keyPath: \.maxSilenceLength,
               show: ConfigDuration.format),
    ]

    static let httpLimitKeys: [ConfigKey] = [
        limitDuration("http.header_timeout", "Longest time from a request's first byte to the end of its headers.",
                      \.limits.headerTimeout),
        limitDuration("http.body_timeout", "Longest time from the end of a request's headers to the end of its body.",
                      \.limits.bodyTimeout),
        limitDuration("http.idle_timeout", "Longest time a connection may stay open with no request.",
                      \.limits.idleTimeout),
        count("http.max_connections", "Most connections open at once; more wait in the listen backlog.",
              \.limits.maxConnections),
        count("http.max_in_flight", "Most requests handled at once; more get 503 with Retry-After.",
              \.limits.maxInFlight),
        count("http.max_queued_writes", "Most ingest requests waiting for the writer; more get 503.",
              \.limits.maxQueuedWrites),
        limitDuration("http.heartbeat_interval", "/__heartbeat__ runs its checks at most once per interval.",
                      \.limits.heartbeatInterval),
        limitDuration("http.heartbeat_timeout", "Longest time a heartbeat check may take; it fails after.",
                      \.limits.heartbeatTimeout),
    ]

    private static func limitDuration(
        _ name: String, _ summary: String, _ path: WritableKeyPath<ServerConfiguration, Duration> & Sendable
    ) -> ConfigKey {
        scalar(name, summary, expected: "a positive duration like 10s, 500ms or 1m",
               parse: { ConfigDuration.parse($0).flatMap { $0 > .zero ? $0 : nil } }, keyPath: path,
               show: ConfigDuration.format)
    }

    private static func count(
        _ name: String, _ summary: String, _ keyPath: WritableKeyPath<ServerConfiguration, Int> & Sendable
    ) -> ConfigKey {
        scalar(name, summary, expected: "a whole number of at least 1",
               parse: { Int($0).flatMap { $0 > 0 ? $0 : nil } }, keyPath: keyPath, show: { String($0) })
    }

    private static func bytes(
        _ name: String, _ summary: String, _ keyPath: WritableKeyPath<ServerConfiguration, Int> & Sendable
    ) -> ConfigKey {
        scalar(name, summary, expected: "a size like 4KiB, 256 or 1MiB",
               parse: { ByteSize.parse($0).flatMap { $0 > 0 ? $0 : nil } }, keyPath: keyPath, show: ByteSize.format)
    }
}
