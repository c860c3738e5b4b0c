import Foundation
import GRDB
import RunbookCore

/// One alert in one incident: the alert as last received, its counters and its matches (JSON columns).
///
/// Since v7 the matches of most rows are in the set `matchSetID` names: read rows through `withMatchSets`.
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
    var matchSetID: Int64?
    var retractedAt: Date?
    var retractedBy: String?

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
