import Foundation
import GRDB
import Logging
import PostgresNIO

/// Moves an installation from SQLite to PostgreSQL: every table of the store, ids kept, in one transaction on the
/// target, checked by counts before it commits.
///
/// The source is read with GRDB, read-only, and must be at this runbook's SQLite migrations; the target is migrated
/// first by opening a `PostgresStore` on it, and must be empty unless `replaceTarget` (then its rows are deleted in
/// the same transaction). Columns are matched by name (PostgreSQL folds them to lower case); the identity sequences
/// are set past the copied ids, so that new rows do not collide with them. The heartbeat row and the migration
/// bookkeeping are not copied.
///
/// ```swift
/// let report = try await StoreMigration.run(
///     from: "runbook-data/runbook.sqlite", to: PostgresLocation(url: "postgres://runbook@db/runbook"),
///     logger: logger)
/// print(report.rows)
/// ```
public enum StoreMigration {
    /// The tables moved, parents before children.
    static let tables = [
        "incidents", "payloads", "matchSets", "alerts", "alertPayloads", "timeline", "integrations", "apiTokens",
        "deliveries", "deliveryAttempts", "silences", "bindings", "consoleUsers",
    ]

    /// Rows per INSERT statement at most; fewer for wide tables, within PostgreSQL's 65,535 parameters.
    static let rowsPerStatement = 500

    /// Copies the SQLite store at `sourcePath` into the PostgreSQL store at `location`; throws
    /// `StoreMigrationError`, or the database's error, leaving the target as it was.
    public static func run(
        from sourcePath: String, to location: PostgresLocation, replaceTarget: Bool = false, logger: Logger
    ) async throws -> StoreMigrationReport {
        let source = try openSource(sourcePath)
        let connection = try await connect(location, logger: logger)
        do {
            let report = try await copy(
                source: source, sourcePath: sourcePath, to: connection, location: location,
                replaceTarget: replaceTarget, logger: logger)
            try await connection.close()
            return report
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func copy(
        source: DatabaseQueue, sourcePath: String, to connection: PostgresConnection, location: PostgresLocation,
        replaceTarget: Bool, logger: Logger
    ) async throws -> StoreMigrationReport {
        try await checkSourceMigrations(source, path: sourcePath)
        // The target's schema comes from the store's own migrations, run as a node would at start.
        let store = try await PostgresStore.open(location, logger: logger)
        let applied = try await PostgresMigrations.applied(store.client, logger: logger)
        try await store.close()
        let unknown = applied.filter { name in !PostgresMigrations.all.contains { $0.name == name } }
        guard unknown.isEmpty else { throw StoreMigrationError(.targetNewer(location.description, unknown)) }

        let targetTables = try await PostgresTargetTable.load(tables, connection, logger: logger)
        let filled = try await nonEmpty(targetTables.values.map(\.name), connection, logger: logger)
        if !filled.isEmpty && !replaceTarget {
            throw StoreMigrationError(.targetNotEmpty(location.description, filled))
        }
        try await connection.query("BEGIN", logger: logger)
        do {
            if replaceTarget && !targetTables.isEmpty {
                let names = targetTables.values.map(\.name).sorted().joined(separator: ", ")
                try await connection.query(
                    PostgresQuery(unsafeSQL: "TRUNCATE \(names) RESTART IDENTITY CASCADE"), logger: logger)
            }
            var counts: [StoreMigrationReport.Table] = []
            for table in tables {
                let sourceCount = try await source.read { db in
                    try db.tableExists(table) ? try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 : 0
                }
                guard let target = targetTables[table] else {
                    guard sourceCount == 0 else { throw StoreMigrationError(.targetLacksTable(table)) }
                    continue
                }
                try await copyRows(of: table, from: source, to: target, connection, logger: logger)
                try await target.advanceSequences(connection, logger: logger)
                counts.append(.init(
                    name: table, source: sourceCount, target: try await target.count(connection, logger: logger)))
                logger.info("migrate.table_copied", metadata: [
                    "migrate.table": .string(table), "migrate.rows": .stringConvertible(sourceCount),
                ])
            }
            guard counts.allSatisfy({ $0.source == $0.target }) else {
                throw StoreMigrationError(.countMismatch(counts))
            }
            try await connection.query("COMMIT", logger: logger)
            return StoreMigrationReport(tables: counts, target: location.description)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private static func openSource(_ path: String) throws -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreMigrationError(.sourceMissing(path))
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { db in try db.tableExists("incidents") }
            return queue
        } catch {
            throw StoreMigrationError(.sourceUnreadable(path, String(describing: error)))
        }
    }

    private static func checkSourceMigrations(_ source: DatabaseQueue, path: String) async throws {
        let migrator = SQLiteMigrations.migrator
        let applied = try await source.read { db -> Set<String>? in
            try db.tableExists("grdb_migrations") ? try migrator.appliedIdentifiers(db) : nil
        }
        guard let applied else { throw StoreMigrationError(.sourceNotRunbook(path)) }
        let known = migrator.migrations
        let unknown = applied.subtracting(known).sorted()
        guard unknown.isEmpty else { throw StoreMigrationError(.sourceNewer(path, unknown)) }
        let missing = known.filter { !applied.contains($0) }
        guard missing.isEmpty else { throw StoreMigrationError(.sourceOlder(path, missing)) }
    }

    /// One connection of its own, so that the whole copy is one transaction; an unreachable server fails here, fast.
    private static func connect(_ location: PostgresLocation, logger: Logger) async throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: try PostgresStore.connectionTLS(location))
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw StoreMigrationError(.targetUnreachable(location.description, String(reflecting: error)))
        }
    }

    private static func nonEmpty(
        _ names: [String], _ connection: PostgresConnection, logger: Logger
    ) async throws -> [String] {
        var filled: [String] = []
        for name in names.sorted() {
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \(name))"), logger: logger)
            for try await exists in rows.decode(Bool.self) where exists {
                filled.append(name)
            }
        }
        return filled
    }

    /// Copies `table` page by page, in primary key order, each page one multi-row INSERT.
    private static func copyRows(
        of table: String, from source: DatabaseQueue, to target: PostgresTargetTable, _ connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let (columns, key) = try await source.read { db in
            (try db.columns(in: table).map(\.name), try db.primaryKey(table).columns)
        }
        let targetColumns = try columns.map { column in
            guard let target = target.columns[column.lowercased()] else {
                throw StoreMigrationError(.targetLacksColumn(table, column))
            }
            return target
        }
        let pageSize = max(1, min(rowsPerStatement, 60_000 / max(1, columns.count)))
        // Pages follow the primary key (the rowid, or the key of a WITHOUT ROWID table such as alertPayloads).
        let keyList = key.map { "\"\($0)\"" }.joined(separator: ", ")
        let selection = keyList + ", " + columns.map { "\"\($0)\"" }.joined(separator: ", ")
        var lastKey: [DatabaseValue]?
        while true {
            let page = try await source.read { [lastKey] db in
                let after = lastKey.map { values in
                    "WHERE (\(keyList)) > (\(values.map { _ in "?" }.joined(separator: ", ")))"
                } ?? ""
                return try Row.fetchAll(
                    db, sql: "SELECT \(selection) FROM \(table) \(after) ORDER BY \(keyList) LIMIT ?",
                    arguments: StatementArguments((lastKey ?? []) + [pageSize.databaseValue]))
            }
            guard let last = page.last else { return }
            lastKey = (0..<key.count).map { last[$0] as DatabaseValue }
            var bindings = PostgresBindings(capacity: page.count * columns.count)
            var tuples: [String] = []
            for row in page {
                var placeholders: [String] = []
                for (index, column) in targetColumns.enumerated() {
                    try column.bind(row[key.count + index] as DatabaseValue, table: table, into: &bindings)
                    placeholders.append("$\(bindings.count)")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            let names = targetColumns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: "INSERT INTO \(target.name) (\(names)) VALUES " + tuples.joined(separator: ", "),
                    binds: bindings),
                logger: logger)
        }
    }
}
