/// Decides who hears about an incident change: routes, silences and storm control, as a function.
///
/// Stores call it inside the transaction that changes the incident and write what it returns in that
/// transaction, so a notification is never lost between the change and its delivery. It must not block.
public protocol DeliveryPlanning: Sendable {
    /// The deliveries for one change.
    func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan
}
