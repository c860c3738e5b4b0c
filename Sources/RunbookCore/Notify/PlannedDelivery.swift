import Foundation

/// One message a planner wants sent: to which channel, through which route, what kind, when.
public struct PlannedDelivery: Sendable, Hashable, Codable {
    /// Name of the route that chose the channel (`default` for the default route).
    public var route: String
    /// Name of the channel in the configuration.
    public var channel: String
    public var kind: DeliveryKind
    /// When it may first be sent.
    public var dueAt: Date
    /// When set, the route is in a storm: the message is not sent alone but listed in one digest for the
    /// route and channel, sent at this time (the end of the storm window).
    public var digestAt: Date?

    public init(route: String, channel: String, kind: DeliveryKind, dueAt: Date, digestAt: Date? = nil) {
        self.route = route
        self.channel = channel
        self.kind = kind
        self.dueAt = dueAt
        self.digestAt = digestAt
    }
}
