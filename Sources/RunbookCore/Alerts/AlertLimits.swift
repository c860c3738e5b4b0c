import Foundation

/// How much one webhook request may carry, checked while decoding so a hostile payload fails fast with a 4xx.
///
/// Every source decoder is held to the same limits. Alertmanager's `commonLabels` and `commonAnnotations` are
/// copied into each alert, so a small body can ask for a great deal of work: the decoder counts what merging
/// would produce, alert by alert, before it builds anything. The defaults sit well above what real senders post
/// (an Alertmanager group rarely passes a few hundred alerts of a few dozen labels).
///
/// ```swift
/// var limits = AlertLimits()
/// limits.alertsPerRequest = 200
/// let alerts = try AlertDecoder.decode(body, format: .auto, receivedAt: Date(), limits: limits)
/// ```
public struct AlertLimits: Sendable, Hashable {
    /// Alerts in one request (setting `limits.alerts_per_request`).
    public var alertsPerRequest = 1_000
    /// Labels of one alert, after merging common labels (setting `limits.labels_per_alert`).
    public var labelsPerAlert = 100
    /// UTF-8 bytes of one label name (setting `limits.label_name_bytes`).
    public var labelNameBytes = 256
    /// UTF-8 bytes of one label value (setting `limits.label_value_bytes`).
    public var labelValueBytes = 4_096
    /// UTF-8 bytes of one alert's annotations, names and values together (setting `limits.annotation_bytes`).
    public var annotationBytes = 65_536
    /// UTF-8 bytes of labels and annotations of all alerts of one request together, after merging
    /// (setting `limits.request_alert_bytes`); bounds what one request stores however it is shaped.
    public var requestAlertBytes = 8 << 20

    /// The defaults.
    public init() {}

    /// Which limit a payload is over, with the setting that raises it.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case alertsPerRequest = "limits.alerts_per_request"
        case labelsPerAlert = "limits.labels_per_alert"
        case labelNameBytes = "limits.label_name_bytes"
        case labelValueBytes = "limits.label_value_bytes"
        case annotationBytes = "limits.annotation_bytes"
        case requestAlertBytes = "limits.request_alert_bytes"

        /// The setting's file key (`limits.labels_per_alert`).
        public var setting: String { rawValue }
    }

    /// The value of the limit `kind`.
    public func value(of kind: Kind) -> Int {
        switch kind {
        case .alertsPerRequest: alertsPerRequest
        case .labelsPerAlert: labelsPerAlert
        case .labelNameBytes: labelNameBytes
        case .labelValueBytes: labelValueBytes
        case .annotationBytes: annotationBytes
        case .requestAlertBytes: requestAlertBytes
        }
    }
}
