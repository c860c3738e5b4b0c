import Foundation
import RunbookCore

/// An alert key that fired without a confident entry: how often, when, and the best candidates.
public struct CoverageItem: Sendable, Hashable, Codable {
    public var key: String
    public var source: AlertSource
    /// Firings, re-fires included.
    public var count: Int
    /// Distinct alerts with this key.
    public var alerts: Int
    public var firstSeen: Date
    public var lastSeen: Date
    /// The weak candidates of the alert that fired last, best first.
    public var candidates: [Match]

    public init(
        key: String, source: AlertSource, count: Int, alerts: Int, firstSeen: Date, lastSeen: Date,
        candidates: [Match]
    ) {
        self.key = key
        self.source = source
        self.count = count
        self.alerts = alerts
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.candidates = candidates
    }
}
