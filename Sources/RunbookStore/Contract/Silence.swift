import Foundation

/// Labels to match and a time window in which matching incidents are not notified.
public struct Silence: Sendable, Hashable, Codable {
    /// Assigned by the store.
    public var id: Int64?
    /// Every pair must be a label of the alert.
    public var matchers: [String: String]
    public var startsAt: Date
    public var endsAt: Date
    public var createdBy: String
    public var comment: String

    public init(
        id: Int64? = nil, matchers: [String: String], startsAt: Date, endsAt: Date, createdBy: String,
        comment: String
    ) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
    }
}
