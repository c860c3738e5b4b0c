import Foundation

/// One incident listed in a digest.
public struct DigestItem: Sendable, Hashable, Codable {
    public var incidentID: Int64
    public var key: String
    public var title: String
    public var severity: String?
    public var url: URL?

    /// One listed incident.
    public init(incidentID: Int64, key: String, title: String, severity: String? = nil, url: URL? = nil) {
        self.incidentID = incidentID
        self.key = key
        self.title = title
        self.severity = severity
        self.url = url
    }
}
