import PostgresNIO

/// A statement built in pieces, for queries whose filters depend on the request (lists with optional filters).
///
/// Values are always bound (`$1`, `$2`…), never spliced into the text.
///
/// ```swift
/// var sql = PostgresQueryBuilder("SELECT id FROM incidents WHERE true")
/// sql.append(" AND source = \(sql.bind("alertmanager"))")
/// let rows = try await client.query(sql.query, logger: logger)
/// ```
struct PostgresQueryBuilder {
    private(set) var text: String
    private var binds = PostgresBindings()

    init(_ text: String = "") {
        self.text = text
    }

    /// Binds `value` and returns its placeholder.
    mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds `value`, or NULL when it is nil, and returns its placeholder.
    mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value?) -> String {
        if let value {
            binds.append(value)
        } else {
            binds.appendNull()
        }
        return "$\(binds.count)"
    }

    /// Binds each value, returning their placeholders separated by commas.
    mutating func bindList<Value: PostgresNonThrowingEncodable>(_ values: [Value]) -> String {
        values.map { bind($0) }.joined(separator: ", ")
    }

    mutating func append(_ more: String) {
        text += more
    }

    /// How many values are bound so far (PostgreSQL takes at most 65,535 in one statement).
    var boundCount: Int {
        binds.count
    }

    var query: PostgresQuery {
        PostgresQuery(unsafeSQL: text, binds: binds)
    }
}
