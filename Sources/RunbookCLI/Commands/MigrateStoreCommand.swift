import ArgumentParser
import Foundation
import Logging
import RunbookStore

/// `runbook migrate-store --from sqlite://PATH --to postgres://…`: move an installation from SQLite to PostgreSQL.
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy a SQLite store into PostgreSQL, to run several nodes on it.",
        discussion: """
            Copies incidents, alerts, payloads, timelines, the outbox (deliveries and their tries), integrations, \
            API tokens (their hashes: every secret keeps working), silences, bindings and console users, with \
            their ids, in one transaction on the target. The target is migrated first, as a node does at start, \
            and must be empty unless --replace-target is given. Before committing, the rows of each table are \
            counted on both sides; any difference rolls everything back. Stop `runbook serve` on the source \
            first, so that nothing is written to it meanwhile; the source itself is only read.

            --from is sqlite://PATH, PATH being the database file or the data folder holding runbook.sqlite \
            (sqlite:///var/lib/runbook for an absolute path). --to is a PostgreSQL URL as --database takes it: \
            postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=require&schema=NAME].

            Examples:
              runbook migrate-store --from sqlite://runbook-data \\
                  --to postgres://runbook:secret@db.internal:5432/runbook
              runbook migrate-store --from sqlite:///var/lib/runbook/runbook.sqlite \\
                  --to 'postgres://runbook@db.internal/runbook?sslmode=require' --json
              runbook migrate-store --from sqlite://runbook-data \\
                  --to postgres://runbook@db.internal/runbook --replace-target
            """
    )

    @Option(help: .init("The store to copy: sqlite://PATH (file or data folder).", valueName: "url"))
    var from: String

    @Option(help: .init("The PostgreSQL store to fill: postgres://USER@HOST:PORT/DATABASE.", valueName: "url"))
    var to: String

    @Flag(name: .customLong("replace-target"), help: "Delete what the target holds first (in the same transaction).")
    var replaceTarget = false

    @Flag(help: "Print JSON: {\"target\", \"tables\": [{\"name\", \"source\", \"target\"}]}.")
    var json = false

    func validate() throws {
        _ = try sourcePath()
        do {
            _ = try PostgresLocation(url: to)
        } catch {
            throw ValidationError("--to: \(error)")
        }
    }

    func run() async throws {
        let logger = Logger(label: "runbook.migrate-store") { _ in SwiftLogNoOpLogHandler() }
        let report = try await StoreMigration.run(
            from: try sourcePath(), to: try PostgresLocation(url: to), replaceTarget: replaceTarget, logger: logger)
        if json {
            try JSONOutput.print(report)
            return
        }
        let width = max(5, report.tables.map(\.name.count).max() ?? 0)
        print("table".padding(toLength: width, withPad: " ", startingAt: 0) + "   source   target")
        for table in report.tables {
            print(table.name.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(1, 9 - String(table.source).count)) + "\(table.source)"
                + String(repeating: " ", count: max(1, 9 - String(table.target).count)) + "\(table.target)")
        }
        print("Copied \(report.rows) row(s) into \(report.target) in one transaction; every count matches.")
    }

    /// The SQLite file `--from` names: `sqlite://` and a path, a folder meaning its runbook.sqlite.
    func sourcePath() throws -> String {
        guard from.hasPrefix("sqlite://"), from.count > "sqlite://".count else {
            throw ValidationError(
                "--from must be sqlite://PATH (a database file or a data folder), as in sqlite://runbook-data, "
                    + "not \(from)")
        }
        let path = String(from.dropFirst("sqlite://".count))
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return URL(fileURLWithPath: path).appendingPathComponent("runbook.sqlite").path
        }
        return path
    }
}
