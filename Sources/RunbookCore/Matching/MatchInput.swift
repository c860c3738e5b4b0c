/// What `MatchIndex.match(_:key:limit:)` reads of an alert, and nothing else: two alerts with equal inputs get the
/// same matches from one index, so a caller may match once per distinct input (the ingest path's cache does).
///
/// The matcher reads the key, the title, the text, every annotation, and of the labels only the name, the service
/// and metric labels (`AlertQueryBuilder`) and the runbook links (`MatchIndex.runbookLinkKeys`). An alert storm
/// differs in the labels it does not read (instance, pod, severity), in times and in dedup keys. Whoever makes
/// the matcher read another field adds it here; `MatchInputTests` checks that `alert` matches as the original does.
///
/// ```swift
/// let input = MatchInput(alert: alert, key: key)
/// let matches = cache[input] ?? index.match(alert, key: key)
/// ```
public struct MatchInput: Hashable, Sendable {
    public let key: String
    let title: String
    let text: String
    let annotations: [String: String]
    /// The labels the matcher reads, when the alert has them.
    let labels: [String: String]

    /// The labels the matcher reads.
    static let readLabels: [String] = ["alertname"] + AlertQueryBuilder.serviceLabels + AlertQueryBuilder.metricLabels
        + MatchIndex.runbookLinkKeys

    /// The input of `alert`, whose `AlertKey.key(for:)` is `key`.
    public init(alert: Alert, key: String) {
        self.key = key
        title = alert.title
        text = alert.text
        annotations = alert.annotations
        var labels: [String: String] = [:]
        for name in Self.readLabels {
            if let value = alert.labels[name] { labels[name] = value }
        }
        self.labels = labels
    }

    /// An alert made of this input alone (the other fields empty): it matches as every alert with this input does.
    var alert: Alert {
        Alert(source: .generic, status: .firing, labels: labels, annotations: annotations, title: title, text: text,
              dedupKey: "", groupKey: "")
    }
}
