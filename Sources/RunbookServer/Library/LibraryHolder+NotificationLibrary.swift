import RunbookCore
import RunbookNotify
import RunbookStore

/// The dispatcher reads the current snapshot: entries for messages, the matcher for Runbook's own alerts.
extension LibraryHolder: NotificationLibrary {
    public func entry(id: String) -> Entry? {
        current?.library.entries.first { $0.id == id }
    }

    public func ingestAlert(for alert: Alert) -> IngestAlert {
        let snapshot = current
        return IngestAlert(alert: alert, key: AlertKey.key(for: alert), matches: snapshot?.index.match(alert) ?? [],
                           libraryRevision: snapshot?.revision)
    }
}
