/// Which incident an alert belongs to: the rule every store applies, kept here so that all stores share it.
///
/// A source's grouping (Alertmanager's `group_by`, a Datadog monitor id) decides how alerts *arrive*, not what
/// they are. Alerts join one incident when they share the source's group **and** their key (DESIGN.md: an alert
/// boiled down to its searchable core), so one notification that carries `DiskUsageWarning checkout-worker` and
/// `DiskUsageWarning search-indexer` opens two incidents, each matched to its own entry, while two instances of
/// `DiskUsageWarning checkout-worker` share one.
///
/// ```swift
/// IncidentGroup.key(for: alert, key: "DiskUsageWarning checkout-worker")
/// // "{}:{alertname=\"DiskUsageWarning\"} | DiskUsageWarning checkout-worker"
/// ```
public enum IncidentGroup {
    /// Put between the source's group key and the alert key in an incident's `groupKey`.
    public static let separator = " | "

    /// The group key of the incident `alert`, whose key is `key`, belongs to.
    public static func key(for alert: Alert, key: String) -> String {
        alert.groupKey + separator + key
    }
}
