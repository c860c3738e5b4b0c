import GRDB

/// A GRDB record of this store: times as REAL seconds since 1970, so that they round-trip exactly.
protocol SQLiteRecord: FetchableRecord, EncodableRecord {}

extension SQLiteRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
