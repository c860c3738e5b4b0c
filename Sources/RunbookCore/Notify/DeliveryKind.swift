/// What a delivery tells its channel.
public enum DeliveryKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A new incident (or one whose silence ended): page the people on call.
    case triggered
    /// A reminder: still triggered and unacknowledged.
    case repeated
    case acknowledged
    case resolved
    /// One message listing the new incidents a route held back during a storm.
    case digest
}
