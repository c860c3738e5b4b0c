/// The configured routes in order, the default route for incidents no route fits, and the fallback
/// channels for Runbook's own incidents (a delivery that gave up).
public struct RouteTable: Sendable, Hashable, Codable {
    public var routes: [Route]
    /// Taken when no route fits; its conditions are ignored.
    public var defaultRoute: Route
    /// Channels for Runbook's own incidents; when empty they go by the routes like any other.
    public var fallbackChannels: [String]

    public init(routes: [Route] = [], defaultRoute: Route = Route(name: "default", channels: []),
                fallbackChannels: [String] = []) {
        self.routes = routes
        self.defaultRoute = defaultRoute
        self.fallbackChannels = fallbackChannels
    }
}
