import RunbookCore
import RunbookNotify
import RunbookStore

/// The dispatcher reads the current snapshot: entries for messages, the matcher for Runbook's own alerts.
extension LibraryHolder: NotificationLibrary {
    /// The entry in the current snapshot.
    public func entry(id: String) -> Entry? {
        current?.entry(id: id)
    }

    /// The alert keyed and matched against the current snapshot, as ingest does it.
    public func ingestAlert(for alert: Alert) -> IngestAlert {
        let snapshot = current
        return IngestAlert(alert: alert, key: AlertKey.key(for: alert), matches: snapshot?.index.match(alert) ?? [],
                           libraryRevision: snapshot?.revision)
    }
}
