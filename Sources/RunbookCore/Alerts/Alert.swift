import Foundation

/// One signal from a source, normalised.
public struct Alert: Sendable, Hashable, Codable {
    public var source: AlertSource
    public var status: AlertStatus
    public var labels: [String: String]
    public var annotations: [String: String]
    /// One line that names the alert, as a person would read it in a page.
    public var title: String
    /// Longer description: annotations, message bodies, other string fields.
    public var text: String
    public var startsAt: Date?
    public var endsAt: Date?
    /// Identifies repeats of the same alert from the same source (≤ 255 characters).
    public var dedupKey: String
    /// Alerts with the same group key belong in one incident.
    public var groupKey: String
    /// Severity when the source says it (`critical`, `warning`, `info`), lowercased.
    public var severity: String?
    /// A link back to the alert in its source, when given.
    public var url: String?

    public init(
        source: AlertSource, status: AlertStatus = .firing, labels: [String: String] = [:],
        annotations: [String: String] = [:], title: String, text: String = "", startsAt: Date? = nil,
        endsAt: Date? = nil, dedupKey: String, groupKey: String? = nil, severity: String? = nil, url: String? = nil
    ) {
        self.source = source
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.title = title
        self.text = text
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.dedupKey = dedupKey
        self.groupKey = groupKey ?? dedupKey
        self.severity = severity
        self.url = url
    }

    /// The alert's name: the `alertname` label when it has one, else nil.
    public var name: String? {
        labels["alertname"]
    }
}

/// Where an alert came from.
public enum AlertSource: String, Sendable, Hashable, Codable, CaseIterable {
    case alertmanager, sentry, pingdom, datadog, cloudwatch, generic
    /// Free text: a chat message, an e-mail subject, a question.
    case text
    /// Runbook itself: its own incident when notifications to a channel gave up.
    case runbook
}

public enum AlertStatus: String, Sendable, Hashable, Codable {
    case firing, resolved
}
