import Foundation
import GRDB
import RunbookCore

/// One alert in one incident: the alert as last received, its counters and its matches (JSON columns).
struct AlertRow: Codable, Sendable, SQLiteRecord, MutablePersistableRecord {
    static let databaseTableName = "alerts"

    var id: Int64?
    var incidentID: Int64
    var source: AlertSource
    var status: AlertStatus
    var dedupKey: String
    var groupKey: String
    var key: String
    var title: String
    var text: String
    var labels: [String: String]
    var annotations: [String: String]
    var severity: String?
    var url: String?
    var startsAt: Date?
    var endsAt: Date?
    var fireCount: Int
    var firstSeen: Date
    var lastSeen: Date
    var resolvedAt: Date?
    var entryID: String?
    var score: Double?
    var matches: [Match]
    var libraryRevision: String?
    var retractedAt: Date?
    var retractedBy: String?

    /// A new row for an alert that fired into an incident for the first time.
    init(_ item: IngestAlert, incidentID: Int64, at: Date) {
        let alert = item.alert
        self.incidentID = incidentID
        source = alert.source
        status = alert.status
        dedupKey = alert.dedupKey
        groupKey = alert.groupKey
        key = item.key
        title = alert.title
        text = alert.text
        labels = alert.labels
        annotations = alert.annotations
        fireCount = 1
        firstSeen = at
        lastSeen = at
        matches = []
        update(with: item)
    }

    /// Takes the alert's latest contents and matches.
    mutating func update(with item: IngestAlert) {
        let alert = item.alert
        status = alert.status
        key = item.key
        title = alert.title
        text = alert.text
        labels = alert.labels
        annotations = alert.annotations
        severity = alert.severity
        url = alert.url
        startsAt = alert.startsAt
        endsAt = alert.endsAt
        matches = item.matches
        entryID = item.matches.first?.entry
        score = item.matches.first?.score
        libraryRevision = item.libraryRevision
    }

    var stored: StoredAlert {
        let alert = Alert(
            source: source, status: status, labels: labels, annotations: annotations, title: title, text: text,
            startsAt: startsAt, endsAt: endsAt, dedupKey: dedupKey, groupKey: groupKey, severity: severity, url: url
        )
        return StoredAlert(
            id: id ?? 0, incidentID: incidentID, alert: alert, key: key, fireCount: fireCount, firstSeen: firstSeen,
            lastSeen: lastSeen, resolvedAt: resolvedAt, matches: matches, libraryRevision: libraryRevision,
            retractedAt: retractedAt, retractedBy: retractedBy
        )
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
