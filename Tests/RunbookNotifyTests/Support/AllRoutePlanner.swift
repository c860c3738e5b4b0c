import Foundation
import RunbookCore

/// A planner for dispatcher tests: every incident goes through route `main` to `channels`, Runbook's own
/// (`runbook=self`) through route `fallback` to `fallbackChannels`; follow-ups go to the channels notified.
/// Past `stormLimit` triggers in a minute (windows counted from `stormStart`), triggers are held for a digest.
struct AllRoutePlanner: DeliveryPlanning {
    var channels: [String] = ["hook"]
    var fallbackChannels: [String] = ["fallback"]
    var stormLimit = Int.max
    var stormStart = Date(timeIntervalSince1970: 1_750_000_000)

    func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
        let isSelf = change.labels["runbook"] == "self"
        let route = isSelf ? "fallback" : "main"
        switch change.kind {
        case .opened, .silenceEnded:
            let windowStart = stormStart.addingTimeInterval(
                (change.at.timeIntervalSince(stormStart) / 60).rounded(.down) * 60
            )
            if !isSelf, context.triggeredCount(route, windowStart) >= stormLimit {
                return NotificationPlan(deliveries: channels.map {
                    PlannedDelivery(route: route, channel: $0, kind: .triggered, dueAt: change.at,
                                    digestAt: windowStart.addingTimeInterval(60))
                })
            }
            return plan(.triggered, route: route, to: isSelf ? fallbackChannels : channels, at: change.at)
        case .repeated:
            return plan(.repeated, route: route, to: context.notifiedChannels.sorted(), at: change.at)
        case .acknowledged:
            return plan(.acknowledged, route: route, to: context.notifiedChannels.sorted(), at: change.at)
        case .resolved:
            return plan(.resolved, route: route, to: context.notifiedChannels.sorted(), at: change.at)
        }
    }

    private func plan(_ kind: DeliveryKind, route: String, to channels: [String], at: Date) -> NotificationPlan {
        NotificationPlan(deliveries: channels.map { PlannedDelivery(route: route, channel: $0, kind: kind, dueAt: at) })
    }
}
