import RunbookCore

extension IncidentAction {
    /// True when the action records an event of this kind: what tells an ingest writer to plan deliveries.
    func recorded(_ kind: TimelineEvent.Kind) -> Bool {
        guard case .recorded(let events) = self else { return false }
        return events.contains { $0.kind == kind }
    }
}
