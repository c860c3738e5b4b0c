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
