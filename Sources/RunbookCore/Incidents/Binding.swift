import Foundation

/// An operator's answer to "which entry answers this key?": an entry, or none; used before matching next time.
///
/// Stored by alert key (DESIGN.md: an alert boiled down to its searchable core), so every later alert with that
/// key gets the chosen entry whatever the matcher would have said, until the binding is removed.
public struct Binding: Sendable, Hashable, Codable {
    /// The alert key it answers (`DiskUsageWarning checkout-worker`).
    public var key: String
    /// The chosen entry's id; nil when the operator said no entry fits.
    public var entryID: String?
    /// Why, in the operator's words, when they gave a reason.
    public var note: String?
    /// The operator (API token name) who chose.
    public var createdBy: String
    public var createdAt: Date

    /// A binding of `key` to `entryID` (nil: none fits) chosen by `createdBy` at `createdAt`.
    public init(key: String, entryID: String?, note: String? = nil, createdBy: String, createdAt: Date) {
        self.key = key
        self.entryID = entryID
        self.note = note
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// `chosen by ana on 2026-12-01`: who chose and on which day (UTC), as evidence and in listings.
    public var chosenBy: String {
        "chosen by \(createdBy) on \(Self.day(createdAt))"
    }

    /// `2026-12-01`: the UTC calendar day of `date`.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 1970
        let month = parts.month ?? 1
        let dayOfMonth = parts.day ?? 1
        return String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
    }
}
