import Foundation
import RunbookCore

/// A planner for the contract suite: every incident goes through the route `all` to `channels`.
///
/// Silences hold back triggers and repeats; acknowledgements and resolutions go to the channels already
/// notified; more than `stormLimit` triggers in the current `stormWindow` (counted from `Fixture.start`) are
/// held for one digest at the window's end.
struct TestPlanner: DeliveryPlanning {
    var channels: [String] = ["ops"]
    var stormLimit = Int.max
    var stormWindow: TimeInterval = 60

    func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
        switch change.kind {
        case .opened, .silenceEnded, .repeated:
            let silencedBy = context.silences.filter { $0.silences(change.labels, at: change.at) }
            guard silencedBy.isEmpty else { return NotificationPlan(silencedBy: silencedBy) }
            if change.kind == .repeated {
                return deliveries(.repeated, to: context.notifiedChannels.sorted(), at: change.at)
            }
            let windows = (change.at.timeIntervalSince(Fixture.start) / stormWindow).rounded(.down)
            let start = Fixture.start.addingTimeInterval(windows * stormWindow)
            guard context.triggeredCount("all", start) >= stormLimit else {
                return deliveries(.triggered, to: channels, at: change.at)
            }
            let digestAt = start.addingTimeInterval(stormWindow)
            return NotificationPlan(deliveries: channels.map {
                PlannedDelivery(route: "all", channel: $0, kind: .triggered, dueAt: change.at, digestAt: digestAt)
            })
        case .acknowledged:
            return deliveries(.acknowledged, to: context.notifiedChannels.sorted(), at: change.at)
        case .resolved:
            return deliveries(.resolved, to: context.notifiedChannels.sorted(), at: change.at)
        }
    }

    private func deliveries(_ kind: DeliveryKind, to channels: [String], at: Date) -> NotificationPlan {
        NotificationPlan(deliveries: channels.map { PlannedDelivery(route: "all", channel: $0, kind: kind, dueAt: at) })
    }
}
