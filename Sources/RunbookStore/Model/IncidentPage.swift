import RunbookCore

/// One page of incidents and the cursor of the next, nil on the last page.
public struct IncidentPage: Sendable, Hashable, Codable {
    public var incidents: [Incident]
    public var nextCursor: String?

    public init(incidents: [Incident], nextCursor: String?) {
        self.incidents = incidents
        self.nextCursor = nextCursor
    }
}
