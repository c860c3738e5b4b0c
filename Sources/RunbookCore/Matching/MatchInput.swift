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
        labels = Self.readLabels(of: alert.labels)
    }

    /// `readLabels` as a set, to pick them out of an alert's few labels.
    static let readLabelSet = Set(readLabels)

    /// The labels of `all` that the matcher reads. Walks `all` when it is the shorter list (an alert has a few labels,
    /// the matcher reads 27), else looks each read label up: the same map either way, keyed by `readLabels`' names.
    static func readLabels(of all: [String: String]) -> [String: String] {
        var labels: [String: String] = [:]
        if all.count < readLabels.count {
            for (name, value) in all {
                guard let position = readLabelSet.firstIndex(of: name) else { continue }
                labels[readLabelSet[position]] = value
            }
        } else {
            for name in readLabels {
                if let value = all[name] { labels[name] = value }
            }
        }
        return labels
    }

    /// An alert made of this input alone (the other fields empty): it matches as every alert with this input does.
    var alert: Alert {
        Alert(source: .generic, status: .firing, labels: labels, annotations: annotations, title: title, text: text,
              dedupKey: "", groupKey: "")
    }
}
