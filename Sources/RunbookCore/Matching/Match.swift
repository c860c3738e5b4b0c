/// One candidate entry for an alert, with its confidence and why.
public struct Match: Sendable, Hashable, Codable {
    /// Entry id.
    public var entry: String
    public var title: String
    /// Confidence in [0, 1]; at or above the threshold (default 0.5) the match is confident.
    public var score: Double
    public var evidence: [Evidence]

    public init(entry: String, title: String, score: Double, evidence: [Evidence]) {
        self.entry = entry
        self.title = title
        self.score = score
        self.evidence = evidence
    }

    /// The first reason against this entry, when the matcher found one: another service's entry, another alert's.
    public var against: String? {
        evidence.first { $0.weight < 0 }?.term
    }
}

/// One reason a match scored: which words, from which alert field, hit which entry field, with what weight.
public struct Evidence: Sendable, Hashable, Codable {
    /// The matched word(s), or the URL for a `runbook_url` hit.
    public var term: String
    /// `runbook_url`, `alertname`, `key`, `label.service`, `title`, `text`…
    public var alertField: String
    /// `title`, `alias`, `path`, `text`, `anchor`…
    public var entryField: String
    public var weight: Double

    public init(term: String, alertField: String, entryField: String, weight: Double) {
        self.term = term
        self.alertField = alertField
        self.entryField = entryField
        self.weight = weight
    }
}
