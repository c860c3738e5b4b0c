import Foundation
import RunbookCore

/// A silence as the API and `runbook silences … --json` show it: matchers as text and where it stands now.
public struct SilenceResource: Sendable, Hashable, Codable {
    public var id: Int64?
    /// Matchers as they are written: `alertname=DiskUsageWarning`, `app=~xq.*`.
    public var matchers: [String]
    public var startsAt: Date
    public var endsAt: Date
    public var createdBy: String
    public var comment: String
    /// Who ended it early, when someone did.
    public var expiredBy: String?
    /// Where the silence stands at the time it was read.
    public var status: Status

    /// Where a silence stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Not yet started.
        case pending
        /// In force: matching incidents are recorded but not notified.
        case active
        /// Over, by its end time or by hand.
        case expired
    }

    /// The silence as it stands at `now`.
    public init(_ silence: Silence, now: Date) {
        id = silence.id
        matchers = silence.matchers.map(\.description)
        startsAt = silence.startsAt
        endsAt = silence.endsAt
        createdBy = silence.createdBy
        comment = silence.comment
        expiredBy = silence.expiredBy
        if now < silence.startsAt {
            status = .pending
        } else {
            status = silence.isActive(at: now) ? .active : .expired
        }
    }
}
