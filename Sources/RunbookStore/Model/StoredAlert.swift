import Foundation
import RunbookCore

/// An alert as stored in an incident: the normalised alert, its counters, matches and any retraction.
public struct StoredAlert: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var incidentID: Int64
    /// The alert as last received; after a retraction its labels, annotations, title and text are gone.
    public var alert: Alert
    public var key: String
    /// Times it fired into this incident, re-fires included.
    public var fireCount: Int
    public var firstSeen: Date
    public var lastSeen: Date
    public var resolvedAt: Date?
    /// Candidate entries when it last fired, best first.
    public var matches: [Match]
    public var libraryRevision: String?
    public var retractedAt: Date?
    public var retractedBy: String?

    public init(
        id: Int64, incidentID: Int64, alert: Alert, key: String, fireCount: Int, firstSeen: Date, lastSeen: Date,
        resolvedAt: Date? = nil, matches: [Match] = [], libraryRevision: String? = nil, retractedAt: Date? = nil,
        retractedBy: String? = nil
    ) {
        self.id = id
        self.incidentID = incidentID
        self.alert = alert
        self.key = key
        self.fireCount = fireCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.resolvedAt = resolvedAt
        self.matches = matches
        self.libraryRevision = libraryRevision
        self.retractedAt = retractedAt
        self.retractedBy = retractedBy
    }
}
