import Foundation
import RunbookCore

/// An entry the matcher found for an incident it could name no entry for: a candidate below the match threshold,
/// shown so that the person paged has somewhere to start, with the evidence against it when there is some
/// (`service payments-db: not named by this entry`).
public struct EntryCandidate: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// `consoleURL/runbooks/<entry id>`, when a console URL is configured.
    public var url: URL?
    /// The match's confidence in [0, 1], under the threshold.
    public var confidence: Double
    /// Why the entry may not answer the incident, when the matcher found a reason.
    public var against: String?

    public init(id: String, title: String, url: URL? = nil, confidence: Double, against: String? = nil) {
        self.id = id
        self.title = title
        self.url = url
        self.confidence = confidence
        self.against = against
    }

    /// The candidates a message shows for an incident with no entry: the best `limit` matches of `matches` that
    /// share anything with the alert (a confidence over 0).
    static func candidates(
        from matches: [Match], limit: Int = EntryCandidate.limit, url: (String) -> URL?
    ) -> [EntryCandidate] {
        matches.lazy.filter { $0.score > 0 }.prefix(limit).map { match in
            EntryCandidate(
                id: match.entry, title: match.title, url: url(match.entry), confidence: match.score,
                against: match.against)
        }
    }

    /// Most candidates a message lists.
    public static let limit = 3
}
