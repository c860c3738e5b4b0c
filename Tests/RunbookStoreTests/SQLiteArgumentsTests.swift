import Foundation
import GRDB
import Testing

@testable import RunbookStore

/// `SQLiteArguments` binds the ingest writer's statements itself: what it stores must be what GRDB's own binding
/// stores, value and type, and a statement given too few or too many arguments must fail, not run.
struct SQLiteArgumentsTests {
    struct Value: Sendable, CustomStringConvertible {
        var label: String
        var grdb: DatabaseValue
        var bind: @Sendable (inout SQLiteArguments) -> Void

        var description: String { label }
    }

    static let values: [Value] = [
        Value(label: "text", grdb: "DiskFull on db-1".databaseValue) { $0.bind("DiskFull on db-1") },
        Value(label: "unicode", grdb: "中文 🙂 é \"q\" \\".databaseValue) { $0.bind("中文 🙂 é \"q\" \\") },
        Value(label: "empty text", grdb: "".databaseValue) { $0.bind("") },
        Value(label: "text with NUL", grdb: "a\u{0}b".databaseValue) { $0.bind("a\u{0}b") },
        Value(label: "nil text", grdb: .null) { $0.bind(nil as String?) },
        Value(label: "integer", grdb: (Int64.max).databaseValue) { $0.bind(Int64.max) },
        Value(label: "negative Int", grdb: (-42).databaseValue) { $0.bind(-42) },
        Value(label: "nil integer", grdb: .null) { $0.bind(nil as Int64?) },
        Value(label: "double", grdb: (1_764_000_000.123456).databaseValue) { $0.bind(1_764_000_000.123456) },
        Value(label: "nil double", grdb: .null) { $0.bind(nil as Double?) },
        Value(label: "date", grdb: 1_764_000_000.5.databaseValue) {
            $0.bind(Date(timeIntervalSince1970: 1_764_000_000.5))
        },
        Value(label: "nil date", grdb: .null) { $0.bind(nil as Date?) },
        Value(label: "blob", grdb: Data([0, 1, 2, 255]).databaseValue) { $0.bind(Data([0, 1, 2, 255])) },
        Value(label: "empty blob", grdb: Data().databaseValue) { $0.bind(Data()) },
        Value(label: "null", grdb: .null) { $0.bindNull() },
    ]

    @Test(arguments: values)
    func storesWhatGRDBStores(value: Value) throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v)")
            try db.execute(sql: "INSERT INTO t (id, v) VALUES (1, ?)", arguments: [value.grdb])
            var arguments = try SQLiteArguments(db, sql: "INSERT INTO t (id, v) VALUES (?, ?)")
            arguments.bind(2)
            value.bind(&arguments)
            try arguments.execute()
            let rows = try Row.fetchAll(db, sql: "SELECT typeof(v) AS type, quote(v) AS text FROM t ORDER BY id")
            #expect(rows.count == 2)
            #expect(rows.first == rows.last, "GRDB: \(rows.first?.description ?? "-"), here: \(rows.last?.description ?? "-")")
        }
    }

    @Test
    func aStatementRunsAgainWithNewArgumentsAndReads() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
            for (id, name) in [(1, "one"), (2, "two"), (3, "three")] {
                var arguments = try SQLiteArguments(db, sql: "INSERT INTO t (id, name) VALUES (?, ?)")
                arguments.bind(id)
                arguments.bind(name)
                try arguments.execute()
            }
            for (id, name) in [(2, "two"), (3, "three"), (1, "one")] {
                var arguments = try SQLiteArguments(db, sql: "SELECT name FROM t WHERE id = ?")
                arguments.bind(id)
                #expect(try arguments.fetchOne()?[0] == name)
            }
            var missing = try SQLiteArguments(db, sql: "SELECT name FROM t WHERE id = ?")
            missing.bind(9)
            #expect(try missing.fetchOne() == nil)
            // GRDB's own binding of the same cached statement afterwards still works.
            #expect(try String.fetchOne(db, sql: "SELECT name FROM t WHERE id = ?", arguments: [3]) == "three")
        }
    }

    @Test
    func tooFewOrTooManyArgumentsFailAndWriteNothing() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
            var few = try SQLiteArguments(db, sql: "INSERT INTO t (id, name) VALUES (?, ?)")
            few.bind(1)
            let tooFew = #expect(throws: DatabaseError.self) { try few.execute() }
            #expect(tooFew?.message == "1 arguments bound where the statement takes 2")
            var many = try SQLiteArguments(db, sql: "INSERT INTO t (id, name) VALUES (?, ?)")
            many.bind(1)
            many.bind("one")
            many.bind("extra")
            let tooMany = #expect(throws: DatabaseError.self) { try many.execute() }
            #expect(tooMany?.message == "3 arguments bound where the statement takes 2")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 0)
        }
    }
}
