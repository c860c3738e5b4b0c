import Foundation
import RunbookCore

/// Plans one triggered delivery on channel `ops` for every opened incident, so API tests get outbox rows through
/// the store's own contract.
struct OneChannelPlanner: DeliveryPlanning {
    func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
        guard change.kind == .opened else { return .none }
        return NotificationPlan(deliveries: [
            PlannedDelivery(route: "default", channel: "ops", kind: .triggered, dueAt: change.at),
        ])
    }
}
