import Foundation

/// Label matchers and a time window in which matching incidents are recorded but not notified.
public struct Silence: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store; nil until stored.
    public var id: Int64?
    /// Every matcher must hold for the incident's labels.
    public var matchers: [LabelMatcher]
    public var startsAt: Date
    public var endsAt: Date
    public var createdBy: String
    public var comment: String
    /// Who ended it early, when someone did.
    public var expiredBy: String?

    public init(
        id: Int64? = nil, matchers: [LabelMatcher], startsAt: Date, endsAt: Date, createdBy: String, comment: String,
        expiredBy: String? = nil
    ) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
        self.expiredBy = expiredBy
    }

    /// True from `startsAt` (included) to `endsAt` (excluded).
    public func isActive(at date: Date) -> Bool {
        startsAt <= date && date < endsAt
    }

    /// True when the silence is in force at `date` and every matcher holds for `labels`.
    public func silences(_ labels: [String: String], at date: Date) -> Bool {
        isActive(at: date) && !matchers.isEmpty && matchers.allSatisfy { $0.matches(labels) }
    }
}
