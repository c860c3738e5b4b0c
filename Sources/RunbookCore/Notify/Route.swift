/// Where incidents that fit some conditions are notified: a named list of channels.
///
/// Every condition given must hold: all `matchers` on the labels, the source among `sources`, the severity
/// among `severities`, the matched entry's document among `documents`. An empty list places no condition.
public struct Route: Sendable, Hashable, Codable {
    public var name: String
    public var matchers: [LabelMatcher]
    public var sources: [AlertSource]
    /// Lowercased severities (`critical`, `warning`, …).
    public var severities: [String]
    /// Document paths as entry ids give them (`services/payments-api.md`).
    public var documents: [String]
    /// Names of the channels to notify.
    public var channels: [String]
    /// When true, the routes after this one are tried too; otherwise the first route that fits wins.
    public var continueMatching: Bool

    public init(
        name: String, matchers: [LabelMatcher] = [], sources: [AlertSource] = [], severities: [String] = [],
        documents: [String] = [], channels: [String], continueMatching: Bool = false
    ) {
        self.name = name
        self.matchers = matchers
        self.sources = sources
        self.severities = severities
        self.documents = documents
        self.channels = channels
        self.continueMatching = continueMatching
    }
}
