import RunbookCore
import RunbookStore

/// What notifications read of the runbook library the server has loaded now.
///
/// RunbookNotify cannot see the server's library snapshot, so the server passes itself in through this seam:
/// messages show the matched entry as the library has it at send time, and Runbook's own incidents are matched
/// with the same matcher as every alert.
public protocol NotificationLibrary: Sendable {
    /// The entry with this id, nil when the library has none (or is not loaded yet).
    func entry(id: String) -> Entry?

    /// `alert` ready to ingest: its key and its matches against the current library.
    func ingestAlert(for alert: Alert) -> IngestAlert
}
