import Foundation

/// The planner the store calls for every incident change: routes, silences and storm control.
///
/// - `opened` and `silenceEnded`: nothing is sent while a silence holds for the change's labels (the plan
///   names the silences); otherwise one `triggered` delivery per channel of the routes taken, due at once.
///   Storm control works in fixed windows of `stormWindow` seconds: once a route has had `stormLimit`
///   triggered deliveries in the current window, further ones are held for one digest at the window's end.
/// - `repeated`: the same routes and silences, kind `repeated`, no storm control.
/// - `acknowledged` and `resolved`: only to the channels that heard of the trigger, never silenced.
///
/// ```swift
/// let planner = NotificationPlanner(routes: table, stormLimit: 10, stormWindow: 60)
/// let plan = planner.plan(change, context: context)
/// ```
public struct NotificationPlanner: DeliveryPlanning, Sendable, Hashable {
    public var routes: RouteTable
    /// Triggered deliveries a route may send alone per storm window; later ones go into a digest.
    public var stormLimit: Int
    /// Length of the fixed storm windows, in seconds.
    public var stormWindow: TimeInterval

    /// A planner over `routes`; a `stormLimit` below 1 or a `stormWindow` of zero or less turns storm control off.
    public init(routes: RouteTable, stormLimit: Int = 10, stormWindow: TimeInterval = 60) {
        self.routes = routes
        self.stormLimit = stormLimit
        self.stormWindow = stormWindow
    }

    /// The deliveries for one change.
    public func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
        switch change.kind {
        case .opened, .silenceEnded:
            return planTrigger(change, context: context, kind: .triggered)
        case .repeated:
            return planTrigger(change, context: context, kind: .repeated)
        case .acknowledged:
            return planFollowUp(change, context: context, kind: .acknowledged)
        case .resolved:
            return planFollowUp(change, context: context, kind: .resolved)
        }
    }

    /// The start of the storm window holding `date`: `floor(date / stormWindow) × stormWindow`.
    public func stormWindowStart(at date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / stormWindow).rounded(.down) * stormWindow)
    }

    private var stormControlEnabled: Bool {
        stormLimit > 0 && stormWindow > 0
    }

    private func planTrigger(_ change: IncidentChange, context: PlanningContext, kind: DeliveryKind)
        -> NotificationPlan
    {
        let silencing = context.silences.filter { $0.silences(change.labels, at: change.at) }
        guard silencing.isEmpty else { return NotificationPlan(silencedBy: silencing) }
        let taken = routes.routes(for: RoutingSubject(change))
        var digestAt: [String: Date?] = [:]
        var deliveries: [PlannedDelivery] = []
        for (channel, route) in RouteTable.channels(of: taken) {
            var delivery = PlannedDelivery(route: route, channel: channel, kind: kind, dueAt: change.at)
            if kind == .triggered {
                if digestAt[route] == nil {
                    digestAt[route] = stormDigestTime(route: route, at: change.at, context: context)
                }
                delivery.digestAt = digestAt[route] ?? nil
            }
            deliveries.append(delivery)
        }
        return NotificationPlan(deliveries: deliveries)
    }

    /// When the route is in a storm at `date`, the end of the current window; nil otherwise.
    private func stormDigestTime(route: String, at date: Date, context: PlanningContext) -> Date? {
        guard stormControlEnabled else { return nil }
        let windowStart = stormWindowStart(at: date)
        guard context.triggeredCount(route, windowStart) >= stormLimit else { return nil }
        return windowStart.addingTimeInterval(stormWindow)
    }

    private func planFollowUp(_ change: IncidentChange, context: PlanningContext, kind: DeliveryKind)
        -> NotificationPlan
    {
        let taken = routes.routes(for: RoutingSubject(change))
        let deliveries = context.notifiedChannels.sorted().map { channel in
            PlannedDelivery(
                route: routes.routeName(naming: channel, preferring: taken), channel: channel, kind: kind,
                dueAt: change.at
            )
        }
        return NotificationPlan(deliveries: deliveries)
    }
}
