import Foundation

/// How incidents react to alerts: auto-resolve, the reopen window and the match threshold.
public struct IncidentPolicy: Sendable, Hashable, Codable {
    /// Resolve an incident by itself when all its alerts are resolved.
    public var autoResolve: Bool
    /// A resolved incident that fires again within this many seconds of its resolution reopens;
    /// after it, the alert opens a new incident.
    public var reopenWindow: TimeInterval
    /// A match at or above this score names the incident's entry.
    public var matchThreshold: Double

    public init(autoResolve: Bool = true, reopenWindow: TimeInterval = 3600, matchThreshold: Double = 0.5) {
        self.autoResolve = autoResolve
        self.reopenWindow = reopenWindow
        self.matchThreshold = matchThreshold
    }
}
