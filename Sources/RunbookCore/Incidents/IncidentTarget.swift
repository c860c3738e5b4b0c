import Foundation

/// Which incident a firing alert joins, and what joining it does: the rule every store applies.
///
/// A store looks up what the rule asks for, in the rule's order, and carries out the answer; the rule itself reads
/// nothing. The order: the open incident that already holds the alert (same source and dedup key), else the newest
/// open incident of the alert's source and group key (``IncidentGroup``), else the most recently resolved of those
/// two, which the alert reopens within the policy's reopen window. Past the window, or with no incident at all, the
/// alert opens a new one.
///
/// ```swift
/// let candidate = try IncidentTarget.candidate(
///     ofAlert: incidentHoldingTheAlert, openInGroup: { try openIncident(groupKey) },
///     lastResolvedInGroup: { try lastResolvedIncident(groupKey) })
/// switch IncidentTarget.fire(alert, into: candidate, previous: status, match: match, at: now, policy: policy) {
/// case .existing(let machine, let action): store(machine.incident, action)
/// case .new: open(IncidentStateMachine.open(id: nextID, alert: alert, key: key, match: match, at: now))
/// }
/// ```
public enum IncidentTarget: Sendable, Hashable {
    /// The alert joins this incident: store the machine's incident and carry out the action (never `.openNew`).
    case existing(IncidentStateMachine, IncidentAction)
    /// The alert opens a new incident (``IncidentStateMachine/open(id:alert:key:match:at:policy:)``).
    case new

    /// The incident a firing alert is offered to, from what the store holds; nil when there is none.
    ///
    /// - Parameters:
    ///   - ofAlert: the incident holding the alert's newest row (same source and dedup key), in any state.
    ///   - openInGroup: the newest open incident of the alert's source and group key; asked only when `ofAlert` is
    ///     not open.
    ///   - lastResolvedInGroup: the incident of that source and group key resolved last; asked only when no open
    ///     incident was found.
    public static func candidate(
        ofAlert: Incident?, openInGroup: () throws -> Incident?, lastResolvedInGroup: () throws -> Incident?
    ) rethrows -> Incident? {
        if let ofAlert, ofAlert.state.isOpen {
            return ofAlert
        }
        if let open = try openInGroup() {
            return open
        }
        return [ofAlert, try lastResolvedInGroup()].compactMap { $0 }
            .max { ($0.resolvedAt ?? .distantPast) < ($1.resolvedAt ?? .distantPast) }
    }

    /// What firing `alert` into `candidate` does; `previous` is the alert's status in `candidate` (nil if new to it).
    ///
    /// A resolved candidate past the reopen window, like no candidate, leaves the alert to open a new incident.
    public static func fire(
        _ alert: Alert, into candidate: Incident?, previous: AlertStatus?, match: Match?, at: Date,
        policy: IncidentPolicy
    ) -> IncidentTarget {
        guard let candidate else { return .new }
        var machine = IncidentStateMachine(incident: candidate, policy: policy)
        let action = machine.alertFired(alert, previous: previous, match: match, at: at)
        return action == .openNew ? .new : .existing(machine, action)
    }
}
