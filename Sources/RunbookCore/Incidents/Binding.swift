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
    ///
    /// Computed from the day count (Howard Hinnant's civil-from-days) rather than with `Calendar`, which is not
    /// safe to use from many tasks at once on every platform.
    static func day(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2))"
    }
}
