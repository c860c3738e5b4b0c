import GRDB
import RunbookCore

/// Stored as a row of `timeline`, times as REAL seconds since 1970.
extension TimelineEvent: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "timeline"

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
