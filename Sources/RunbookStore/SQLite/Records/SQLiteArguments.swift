import Foundation
import GRDB
import GRDBSQLite

/// Binds a cached statement's arguments straight to SQLite, for the statements ingestion runs for every alert.
///
/// GRDB's `execute(arguments:)` boxes every value into a `DatabaseValue` of a `StatementArguments` array, validates
/// the count, then binds them one nested closure at a time: on the ingest writer that was more of its time than the
/// binding itself (`bench/README.md`, "Ingest speed"). Here each value is bound as it comes, the way GRDB binds it
/// (text with `-1` and a copy, doubles as REAL, integers as INTEGER, nil as NULL), and the statement is then run by
/// GRDB with its arguments already bound, so that its transaction and observation bookkeeping still sees every
/// statement. Every argument of the statement must be bound, in order: `execute`, `fetchOne` and `forEachRow` check the
/// count.
struct SQLiteArguments {
    private let statement: Statement
    private var index: CInt = 0

    /// Starts binding `statement` (cached by `db`) from its first argument.
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        // Resets the statement, clears its old bindings and tells GRDB that its arguments are valid and bound, so
        // that `execute()` below runs what is bound here instead of validating an empty argument list.
        statement.setUncheckedArguments(StatementArguments())
    }

    mutating func bind(_ value: String) {
        index += 1
        sqlite3_bind_text(statement.sqliteStatement, index, value, -1, Self.transient)
    }

    mutating func bind(_ value: String?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    mutating func bind(_ value: Int64?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: Int) {
        bind(Int64(value))
    }

    mutating func bind(_ value: Double) {
        index += 1
        sqlite3_bind_double(statement.sqliteStatement, index, value)
    }

    mutating func bind(_ value: Double?) {
        if let value { bind(value) } else { bindNull() }
    }

    /// A time as seconds since 1970, as the store keeps every time.
    mutating func bind(_ value: Date) {
        bind(value.timeIntervalSince1970)
    }

    mutating func bind(_ value: Date?) {
        bind(value?.timeIntervalSince1970)
    }

    /// A blob; like GRDB, an empty one is bound from no bytes.
    mutating func bind(_ value: Data) {
        index += 1
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(
                statement.sqliteStatement, index, bytes.baseAddress, CInt(bytes.count), Self.transient)
        }
    }

    mutating func bindNull() {
        index += 1
        sqlite3_bind_null(statement.sqliteStatement, index)
    }

    /// Runs the statement to its end with what was bound.
    func execute() throws {
        try checkCount()
        try statement.execute()
    }

    /// The first row the statement gives with what was bound, if any.
    func fetchOne() throws -> Row? {
        try checkCount()
        return try Row.fetchOne(statement)
    }

    /// Calls `body` with each row the statement gives with what was bound; a row is valid only during its call.
    func forEachRow(_ body: (Row) throws -> Void) throws {
        try checkCount()
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            try body(row)
        }
    }

    private func checkCount() throws {
        let expected = sqlite3_bind_parameter_count(statement.sqliteStatement)
        guard index == expected else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE,
                message: "\(index) arguments bound where the statement takes \(expected)", sql: statement.sql)
        }
    }

    /// SQLite copies the value before the bind call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
