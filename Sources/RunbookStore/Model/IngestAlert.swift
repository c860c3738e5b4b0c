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

    public init(alert: Alert, key: String, matches: [Match] = [], libraryRevision: String? = nil) {
        self.alert = alert
        self.key = key
        self.matches = matches
        self.libraryRevision = libraryRevision
    }
}
