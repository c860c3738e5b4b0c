import GRDB
import RunbookCore

/// Stored as a row of `bindings`, times as REAL seconds since 1970.
extension Binding: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "bindings"

    /// Times as REAL seconds since 1970, which round-trip exactly.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    /// Times as REAL seconds since 1970, which round-trip exactly.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
