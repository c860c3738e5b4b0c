extension RouteTable {
    /// The name of the route Runbook's own incidents take when `fallbackChannels` is set.
    public static let fallbackRouteName = "fallback"

    /// The route Runbook's own incidents take: `fallback`, to `fallbackChannels`.
    public var fallbackRoute: Route {
        Route(name: Self.fallbackRouteName, channels: fallbackChannels)
    }

    /// The routes an incident takes, in table order.
    ///
    /// Runbook's own incidents (label `runbook="self"`) take only the fallback route when `fallbackChannels` is
    /// not empty. Otherwise routes are tried in order: the first that fits is taken, and matching goes on past it
    /// only when it says `continueMatching`. When none fits, the default route is taken.
    ///
    /// ```swift
    /// let subject = RoutingSubject(labels: ["team": "payments"], source: .alertmanager, severity: "critical")
    /// table.routes(for: subject).map(\.name)   // ["payments"] or ["default"]
    /// ```
    public func routes(for subject: RoutingSubject) -> [Route] {
        if subject.isSelf, !fallbackChannels.isEmpty {
            return [fallbackRoute]
        }
        var taken: [Route] = []
        for route in routes where route.fits(subject) {
            taken.append(route)
            if !route.continueMatching { break }
        }
        return taken.isEmpty ? [defaultRoute] : taken
    }

    /// The channels of `routes` in order, each once, with the first route that names it.
    public static func channels(of routes: [Route]) -> [(channel: String, route: String)] {
        var seen: Set<String> = []
        var result: [(channel: String, route: String)] = []
        for route in routes {
            for channel in route.channels where seen.insert(channel).inserted {
                result.append((channel, route.name))
            }
        }
        return result
    }

    /// The name of the route that sends to `channel`, preferring `taken`, then the table's routes, the fallback
    /// route and the default route; `default` when none names it.
    public func routeName(naming channel: String, preferring taken: [Route] = []) -> String {
        let candidates = taken + routes + [fallbackRoute, defaultRoute]
        return candidates.first { $0.channels.contains(channel) }?.name ?? defaultRoute.name
    }
}
