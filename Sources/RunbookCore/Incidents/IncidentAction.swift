/// What an alert did to an incident, for the caller to carry out.
public enum IncidentAction: Sendable, Hashable {
    /// The incident changed: store it and append these events.
    case recorded([TimelineEvent])
    /// A repeat of an alert already firing: count it into the alert's one `alertRefired` event.
    case refired(TimelineEvent)
    /// The incident was resolved longer ago than the reopen window: the alert opens a new incident.
    case openNew
    /// Nothing changed.
    case unchanged
}
