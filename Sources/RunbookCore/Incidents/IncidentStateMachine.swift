import Foundation

/// The life of one incident: alerts firing and resolving, operators acknowledging, noting, resolving, reopening.
///
/// A value type: each mutating transition changes `incident` and returns what happened, and the
/// caller stores it. Nothing here reads a clock or a database.
///
/// ```swift
/// var (machine, events) = IncidentStateMachine.open(id: 7, alert: alert, key: "DiskFull db1", match: nil, at: now)
/// let more = try machine.acknowledge(by: "ana", at: now + 60)
/// ```
public struct IncidentStateMachine: Sendable, Hashable {
    public private(set) var incident: Incident
    public let policy: IncidentPolicy

    /// Resumes an incident as stored.
    public init(incident: Incident, policy: IncidentPolicy = IncidentPolicy()) {
        self.incident = incident
        self.policy = policy
    }

    /// Opens a new incident for a firing alert: `alertFired`, and `matched` when the match is confident.
    ///
    /// Its group key is ``IncidentGroup/key(for:key:)``: the source's group and the alert's key.
    public static func open(
        id: Int64, alert: Alert, key: String, match: Match?, at: Date, policy: IncidentPolicy = IncidentPolicy()
    ) -> (machine: IncidentStateMachine, events: [TimelineEvent]) {
        let incident = Incident(
            id: id, key: key, title: alert.title, source: alert.source,
            groupKey: IncidentGroup.key(for: alert, key: key), openedAt: at,
            openedBy: alert.source.rawValue
        )
        var machine = IncidentStateMachine(incident: incident, policy: policy)
        let events = machine.add(alert, previous: nil, match: match, at: at)
        return (machine, events)
    }

    /// An alert of this source fired into this incident; `previous` is its status in the incident (nil if new to it).
    ///
    /// A repeat of a firing alert is `.refired`; a new or resolved alert is recorded; into a resolved
    /// incident it reopens it within the reopen window, and asks for a new incident after it.
    public mutating func alertFired(_ alert: Alert, previous: AlertStatus?, match: Match?, at: Date) -> IncidentAction {
        var events: [TimelineEvent] = []
        if incident.state == .resolved {
            guard let resolvedAt = incident.resolvedAt, at.timeIntervalSince(resolvedAt) <= policy.reopenWindow else {
                return .openNew
            }
            events += reopen(actor: alert.source.rawValue, at: at)
        }
        incident.lastSeen = max(incident.lastSeen, at)
        if events.isEmpty, previous == .firing {
            return .refired(event(.alertRefired, at: at, actor: alert.source.rawValue, alertKey: alert.dedupKey))
        }
        return .recorded(events + add(alert, previous: previous, match: match, at: at))
    }

    /// An alert of this incident, `previous`ly in that status, was resolved by its source.
    ///
    /// The incident resolves itself when no alert of it is firing any more (see the policy).
    public mutating func alertResolved(dedupKey: String, previous: AlertStatus?, at: Date) -> IncidentAction {
        guard previous == .firing else { return .unchanged }
        incident.firingCount = max(0, incident.firingCount - 1)
        let actor = incident.source.rawValue
        var events = [event(.alertResolved, at: at, actor: actor, alertKey: dedupKey)]
        if policy.autoResolve, incident.state.isOpen, incident.firingCount == 0 {
            events += resolve(by: actor, at: at)
        }
        return .recorded(events)
    }

    /// An operator takes the incident. Acknowledging twice changes nothing; a resolved incident must be reopened.
    public mutating func acknowledge(by actor: String, at: Date) throws(IncidentError) -> [TimelineEvent] {
        switch incident.state {
        case .resolved: throw .resolved(incident.id)
        case .acknowledged: return []
        case .triggered:
            incident.state = .acknowledged
            incident.acknowledgedAt = at
            incident.acknowledgedBy = actor
            return [event(.acknowledged, at: at, actor: actor)]
        }
    }

    /// An operator writes a note; any state takes one.
    public func note(_ text: String, by actor: String, at: Date) throws(IncidentError) -> [TimelineEvent] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyNote(incident.id) }
        return [event(.note, at: at, actor: actor, detail: trimmed)]
    }

    /// Resolves the incident, by an operator or by its alerts. Resolving twice changes nothing.
    public mutating func resolve(by actor: String, at: Date) -> [TimelineEvent] {
        guard incident.state.isOpen else { return [] }
        incident.state = .resolved
        incident.resolvedAt = at
        incident.resolvedBy = actor
        return [event(.resolved, at: at, actor: actor)]
    }

    /// Reopens a resolved incident; an open one stays as it is.
    public mutating func reopen(by actor: String, at: Date) -> [TimelineEvent] {
        reopen(actor: actor, at: at)
    }

    /// An operator says which entry answers this incident (`entryID`), or that none does (nil).
    ///
    /// The incident takes the entry with confidence ``BindingRule/chosenScore`` (none: no entry, no score), in any
    /// state; the event's detail names the entry (or `none`) and the operator's note.
    public mutating func chooseEntry(
        _ entryID: String?, note: String?, by actor: String, at: Date
    ) -> [TimelineEvent] {
        incident.entryID = entryID
        incident.score = entryID == nil ? nil : BindingRule.chosenScore
        var detail = entryID ?? "none"
        if let note = note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty {
            detail += ": " + note
        }
        return [event(.entryChosen, at: at, actor: actor, detail: detail)]
    }

    /// Records that an operator purged an alert's data (or the whole incident's, with no alert key), and why.
    public func retract(alertKey: String?, by actor: String, reason: String, at: Date) -> TimelineEvent {
        event(.retracted, at: at, actor: actor, detail: reason, alertKey: alertKey)
    }

    private mutating func reopen(actor: String, at: Date) -> [TimelineEvent] {
        guard incident.state == .resolved else { return [] }
        incident.state = .triggered
        incident.acknowledgedAt = nil
        incident.acknowledgedBy = nil
        incident.resolvedAt = nil
        incident.resolvedBy = nil
        return [event(.reopened, at: at, actor: actor)]
    }

    private mutating func add(_ alert: Alert, previous: AlertStatus?, match: Match?, at: Date) -> [TimelineEvent] {
        if previous == nil {
            incident.alertCount += 1
        }
        if previous != .firing {
            incident.firingCount += 1
        }
        incident.lastSeen = max(incident.lastSeen, at)
        if Self.rank(alert.severity) > Self.rank(incident.severity) {
            incident.severity = alert.severity
        }
        let actor = alert.source.rawValue
        var events = [event(.alertFired, at: at, actor: actor, detail: alert.title, alertKey: alert.dedupKey)]
        if let match, match.score >= policy.matchThreshold, match.score > incident.score ?? -1 {
            if match.entry != incident.entryID {
                events.append(event(.matched, at: at, actor: actor, detail: match.entry, alertKey: alert.dedupKey))
            }
            incident.entryID = match.entry
            incident.score = match.score
        }
        return events
    }

    private func event(
        _ kind: TimelineEvent.Kind, at: Date, actor: String?, detail: String? = nil, alertKey: String? = nil
    ) -> TimelineEvent {
        TimelineEvent(incidentID: incident.id, at: at, kind: kind, actor: actor, detail: detail, alertKey: alertKey)
    }

    /// Orders severities so an incident shows its worst alert's; unknown words rank lowest.
    private static func rank(_ severity: String?) -> Int {
        switch severity?.lowercased() {
        case "critical", "fatal", "page": 4
        case "error", "high": 3
        case "warning", "warn", "medium": 2
        case "info", "low": 1
        case .some: 0
        case nil: -1
        }
    }
}
