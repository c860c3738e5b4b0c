import RunbookCore

/// One normalised alert to store, with its key and the matches the caller computed for it.
public struct IngestAlert: Sendable, Hashable {
    public var alert: Alert
    /// The alert boiled down to its searchable core (DESIGN.md); coverage groups by it.
    public var key: String
    /// Candidate entries, best first; empty when nothing matched.
    public var matches: [Match]
    /// Content hash of the library revision the matches were computed against.
    public var libraryRevision: String?
    /// The matches in their stored form, when the caller has it already (the ingest path keeps it per query); a
    /// store uses it only while it still holds `matches` and `libraryRevision`, else computes its own.
    public var matchSet: MatchSet?

    public init(alert: Alert, key: String, matches: [Match] = [], libraryRevision: String? = nil) {
        self.alert = alert
        self.key = key
        self.matches = matches
        self.libraryRevision = libraryRevision
    }

    /// An alert whose matches come with their stored form.
    public init(alert: Alert, key: String, matchSet: MatchSet) {
        self.init(alert: alert, key: key, matches: matchSet.matches, libraryRevision: matchSet.libraryRevision)
        self.matchSet = matchSet
    }

    /// The set to store for it; nil when nothing matched (then nothing is stored but an empty list).
    func storedMatchSet() throws -> MatchSet? {
        guard !matches.isEmpty else { return nil }
        if let matchSet, matchSet.holds(matches, revision: libraryRevision) {
            return matchSet
        }
        return try MatchSet(matches: matches, libraryRevision: libraryRevision)
    }
}
