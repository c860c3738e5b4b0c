import Foundation
import Logging
import RunbookCore

/// Logs a line when an incident opens, reopens, is acknowledged or resolves, with its id and key, then lets
/// `planner` decide its deliveries.
///
/// The store hands every incident change to its planner, whoever made it (an alert, an operator, auto-resolve),
/// so this is the one place that sees them all. The line is written inside the store's transaction, just before
/// it commits.
///
/// ```swift
/// let store = try configuration.openStore(logger: logger, planner: IncidentLogPlanner(planner, logger: logger))
/// ```
public struct IncidentLogPlanner: DeliveryPlanning {
    let planner: any DeliveryPlanning
    let logger: Logger

    /// Logs on `logger` and plans with `planner`.
    public init(_ planner: any DeliveryPlanning, logger: Logger) {
        self.planner = planner
        self.logger = logger
    }

    public func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
        if let event = Self.event(of: change) {
            var metadata: Logger.Metadata = [
                "incident.id": .stringConvertible(change.incident.id), "incident.key": .string(change.incident.key),
                "incident.state": .string(change.incident.state.rawValue),
            ]
            if let actor = change.actor { metadata["actor"] = .string(actor) }
            logger.notice(Logger.Message(stringLiteral: event), metadata: metadata)
        }
        return planner.plan(change, context: context)
    }

    /// The log event of a change: `incident.opened`, `incident.reopened`, `incident.acknowledged` or
    /// `incident.resolved`; nil for repeats and ended silences, which change nothing.
    static func event(of change: IncidentChange) -> String? {
        switch change.kind {
        case .opened:
            // A new incident opens at the change; a reopened one keeps the time it first opened.
            return change.incident.openedAt < change.at ? "incident.reopened" : "incident.opened"
        case .acknowledged: return "incident.acknowledged"
        case .resolved: return "incident.resolved"
        case .repeated, .silenceEnded: return nil
        }
    }
}
