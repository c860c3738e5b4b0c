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
        var arguments = try SQLiteArguments(
            db, sql: "SELECT \(columns) FROM alerts WHERE source = ? AND dedupKey = ? ORDER BY id DESC LIMIT 1")
        arguments.bind(source.rawValue)
        arguments.bind(dedupKey)
        return try fetch(arguments)
    }

    /// The alert's row in one incident.
    static func find(incidentID: Int64, alert: Alert, _ db: Database) throws -> AlertRef? {
        var arguments = try SQLiteArguments(
            db, sql: "SELECT \(columns) FROM alerts WHERE incidentID = ? AND source = ? AND dedupKey = ?")
        arguments.bind(incidentID)
        arguments.bind(alert.source.rawValue)
        arguments.bind(alert.dedupKey)
        return try fetch(arguments)
    }

    private static func fetch(_ arguments: SQLiteArguments) throws -> AlertRef? {
        guard let row = try arguments.fetchOne() else { return nil }
        return AlertRef(id: row[0], incidentID: row[1], status: AlertStatus(rawValue: row[2]) ?? .firing)
    }
}
