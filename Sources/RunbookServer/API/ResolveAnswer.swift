import Foundation
import RunbookCore
import RunbookStore

/// `POST /api/v1/incidents/{id}/resolve`: the incident, and when its source still fires, a warning and the silence
/// that would keep it quiet.
///
/// A manual resolve does not stop the source: Alertmanager repeats a firing alert, and the next repeat reopens the
/// incident and pages again (as PagerDuty does). The answer and the timeline say so, and offer the silence.
struct ResolveAnswer: Encodable, Sendable {
    /// The timeline note and the answer's `warning` when the source still fires.
    static let stillFiring = "still firing at the source: it will reopen; silence it instead"
    /// Labels that narrow a suggested silence beyond `alertname`, when the alert has them.
    static let silenceLabels = ["service", "job", "namespace", "instance"]

    var incident: Incident
    var warning: String?
    /// A body for `POST /api/v1/silences` that matches this incident's alert.
    var suggestedSilence: SilenceRequest?

    private enum Keys: String, CodingKey { case warning, suggestedSilence }

    /// The answer for an incident just resolved, whose firing alerts (if any) carry `labels`.
    init(incident: Incident, firingLabels labels: [String: String]?) {
        self.incident = incident
        guard incident.firingCount > 0, let labels else { return }
        warning = Self.stillFiring
        let names = labels["alertname"] == nil
            ? Array(labels.keys.sorted().prefix(5)) : ["alertname"] + Self.silenceLabels.filter { labels[$0] != nil }
        let matchers = names.compactMap { name in labels[name].map { "\(name)=\($0)" } }
        guard !matchers.isEmpty else { return }
        suggestedSilence = SilenceRequest(
            matchers: matchers, duration: "2h", comment: "incident \(incident.id) resolved while the source still fires"
        )
    }

    func encode(to encoder: any Encoder) throws {
        try incident.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(warning, forKey: .warning)
        try container.encodeIfPresent(suggestedSilence, forKey: .suggestedSilence)
    }
}
