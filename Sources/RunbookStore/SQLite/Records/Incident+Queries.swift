import GRDB
import RunbookCore

/// The lookups ingestion makes for every alert, as cached statements.
extension Incident {
    static func find(id: Int64, _ db: Database) throws -> Incident? {
        try Incident.fetchOne(db.cachedStatement(sql: "SELECT * FROM incidents WHERE id = ?"), arguments: [id])
    }

    /// The newest open incident of a source with this group key.
    static func open(source: AlertSource, groupKey: String, _ db: Database) throws -> Incident? {
        let sql = """
            SELECT * FROM incidents WHERE source = ? AND groupKey = ? AND state != 'resolved'
            ORDER BY openedAt DESC, id DESC LIMIT 1
            """
        return try Incident.fetchOne(db.cachedStatement(sql: sql), arguments: [source.rawValue, groupKey])
    }

    /// The incident of a source with this group key that was resolved last.
    static func lastResolved(source: AlertSource, groupKey: String, _ db: Database) throws -> Incident? {
        let sql = """
            SELECT * FROM incidents WHERE source = ? AND groupKey = ? AND state = 'resolved'
            ORDER BY resolvedAt DESC, id DESC LIMIT 1
            """
        return try Incident.fetchOne(db.cachedStatement(sql: sql), arguments: [source.rawValue, groupKey])
    }
}
