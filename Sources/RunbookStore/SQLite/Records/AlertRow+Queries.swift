import GRDB
import RunbookCore

extension AlertRow {
    /// The newest row of an alert, whichever incident holds it.
    static func latest(source: AlertSource, dedupKey: String, _ db: Database) throws -> AlertRow? {
        try AlertRow
            .filter(Column("source") == source.rawValue && Column("dedupKey") == dedupKey)
            .order(Column("id").desc)
            .fetchOne(db)
    }

    /// The alert's row in one incident.
    static func find(incidentID: Int64, alert: Alert, _ db: Database) throws -> AlertRow? {
        try AlertRow
            .filter(Column("incidentID") == incidentID && Column("source") == alert.source.rawValue
                && Column("dedupKey") == alert.dedupKey)
            .fetchOne(db)
    }
}
