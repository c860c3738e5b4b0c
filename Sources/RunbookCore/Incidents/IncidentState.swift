/// Where an incident stands: paged and waiting, someone on it, or over.
public enum IncidentState: String, Sendable, Hashable, Codable, CaseIterable {
    case triggered, acknowledged, resolved

    /// True while the incident still needs a person: triggered or acknowledged.
    public var isOpen: Bool {
        self != .resolved
    }
}
