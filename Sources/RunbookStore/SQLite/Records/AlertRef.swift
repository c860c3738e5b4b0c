import GRDB
import RunbookCore

/// Just what ingestion needs to know of an alert's row; decoding whole rows dominated an ingest.
struct AlertRef: Sendable, Hashable {
    var id: Int64
    var incidentID: Int64
    var status: AlertStatus

    private static let columns = "id, incidentID, status"

    /// The newest row of an alert, whichever incident holds it.
    static func latest(source: AlertSource, dedupKey: String, _ db: Database) throws -> AlertRef? {
        let sql = "SELECT \(columns) FROM alerts WHERE source = ? AND dedupKey = ? ORDER BY id DESC LIMIT 1"
        return try fetch(db.cachedStatement(sql: sql), [source.rawValue, dedupKey])
    }

    /// The alert's row in one incident.
    static func find(incidentID: Int64, alert: Alert, _ db: Database) throws -> AlertRef? {
        let sql = "SELECT \(columns) FROM alerts WHERE incidentID = ? AND source = ? AND dedupKey = ?"
        return try fetch(db.cachedStatement(sql: sql), [incidentID, alert.source.rawValue, alert.dedupKey])
    }

    private static func fetch(_ statement: Statement, _ arguments: StatementArguments) throws -> AlertRef? {
        guard let row = try Row.fetchOne(statement, arguments: arguments) else { return nil }
        return AlertRef(id: row[0], incidentID: row[1], status: AlertStatus(rawValue: row[2]) ?? .firing)
    }
}
