import Foundation
import GRDB
import RunbookCore

/// Read from a row of `deliveries`, times as REAL seconds since 1970; a digest's listed incidents are read apart.
extension OutboxDelivery: FetchableRecord {
    /// Decodes a row by hand; an unknown kind or state is a corrupt database.
    public init(row: Row) throws {
        guard let kind = DeliveryKind(rawValue: row["kind"]), let state = DeliveryState(rawValue: row["state"]) else {
            throw DatabaseError(message: "delivery \(row["id"] as Int64? ?? 0) has an unknown kind or state")
        }
        let date = { (column: String) in (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        self.init(
            id: row["id"], incidentID: row["incidentID"], route: row["route"], channel: row["channel"], kind: kind,
            state: state, idempotencyKey: row["idempotencyKey"], attempts: row["attempts"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]), dueAt: Date(timeIntervalSince1970: row["dueAt"]),
            retryingSince: Date(timeIntervalSince1970: row["retryingSince"]), lastError: row["lastError"],
            sentAt: date("sentAt")
        )
    }

    /// Rows as queried, with each digest's listed incidents filled in.
    static func fetchDeliveries(
        _ db: Database, sql: String, arguments: StatementArguments = StatementArguments()
    ) throws -> [OutboxDelivery] {
        var deliveries = try fetchAll(db, sql: sql, arguments: arguments)
        for index in deliveries.indices where deliveries[index].kind == .digest {
            deliveries[index].digestIncidentIDs = try SQLiteOutbox.digestIncidentIDs(of: deliveries[index].id, db)
        }
        return deliveries
    }
}
