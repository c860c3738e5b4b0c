import Foundation
import RunbookCore

/// Which incidents to list, and which page: open ones first, then newest first.
public struct IncidentQuery: Sendable, Hashable {
    /// Empty means every state.
    public var states: Set<IncidentState>
    public var source: AlertSource?
    public var entryID: String?
    /// Every pair must be a label of at least one of the incident's alerts.
    public var labels: [String: String]
    /// Opened at or after.
    public var openedFrom: Date?
    /// Opened before.
    public var openedBefore: Date?
    /// Page size, 1…1000.
    public var limit: Int
    /// `nextCursor` of the previous page.
    public var cursor: String?

    public init(
        states: Set<IncidentState> = [], source: AlertSource? = nil, entryID: String? = nil,
        labels: [String: String] = [:], openedFrom: Date? = nil, openedBefore: Date? = nil, limit: Int = 50,
        cursor: String? = nil
    ) {
        self.states = states
        self.source = source
        self.entryID = entryID
        self.labels = labels
        self.openedFrom = openedFrom
        self.openedBefore = openedBefore
        self.limit = limit
        self.cursor = cursor
    }
}
