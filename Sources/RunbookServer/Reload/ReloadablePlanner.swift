import NIOConcurrencyHelpers
import RunbookCore

/// The notification planner the store calls, swapped whole when the configuration is reloaded (routes, storm
/// control).
///
/// A change being planned uses the routes in force when it started; the next one uses the new ones. With no
/// planner (notifications off) it plans nothing.
///
/// ```swift
/// let planner = ReloadablePlanner(configuration.notificationPlanner)
/// planner.replace(with: reloaded.notificationPlanner)
/// ```
public final class ReloadablePlanner: DeliveryPlanning, Sendable {
    private let current: NIOLockedValueBox<NotificationPlanner?>

    /// A planner starting with `planner`.
    public init(_ planner: NotificationPlanner?) {
        current = NIOLockedValueBox(planner)
    }

    /// The planner in force.
    public var planner: NotificationPlanner? {
        current.withLockedValue { $0 }
    }

    /// Puts `planner` in force for every change planned from now on.
    public func replace(with planner: NotificationPlanner?) {
        current.withLockedValue { $0 = planner }
    }

    public func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
        planner?.plan(change, context: context) ?? .none
    }
}
