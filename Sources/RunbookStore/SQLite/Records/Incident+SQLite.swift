import Foundation
import GRDB
import RunbookCore

/// Stored as a row of `incidents`, times as REAL seconds since 1970.
extension Incident: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "incidents"

    /// Decodes a row by hand: ingestion reads an incident for every alert, and Codable decoding cost the most.
    public init(row: Row) throws {
        guard let state = IncidentState(rawValue: row["state"]), let source = AlertSource(rawValue: row["source"])
        else {
            throw DatabaseError(message: "incident \(row["id"] as Int64? ?? 0) has an unknown state or source")
        }
        let date = { (column: String) in (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        self.init(
            id: row["id"], state: state, key: row["key"], title: row["title"], source: source,
            severity: row["severity"], groupKey: row["groupKey"], entryID: row["entryID"], score: row["score"],
            openedAt: Date(timeIntervalSince1970: row["openedAt"]), openedBy: row["openedBy"],
            acknowledgedAt: date("acknowledgedAt"), acknowledgedBy: row["acknowledgedBy"],
            resolvedAt: date("resolvedAt"), resolvedBy: row["resolvedBy"], lastSeen: date("lastSeen"),
            alertCount: row["alertCount"], firingCount: row["firingCount"]
        )
    }

    /// Times as REAL seconds since 1970, which round-trip exactly.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    /// Times as REAL seconds since 1970, which round-trip exactly.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
