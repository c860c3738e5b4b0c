import GRDB
import RunbookCore

/// Stored as a row of `incidents`, times as REAL seconds since 1970.
extension Incident: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "incidents"

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
