import ArgumentParser
import Foundation
import RunbookServer
import RunbookStore

/// `--config FILE` and `--data DIR`: the server's configuration, for the admin commands that must act on the same
/// database as `runbook serve`.
///
/// One of `--config`, `--data`, `RUNBOOK_CONFIG` or `RUNBOOK_DATA` must name the database: without, the commands
/// say so and create nothing.
///
/// Settings layer as for `runbook serve`: defaults < the config file (`--config` or `RUNBOOK_CONFIG`) <
/// `RUNBOOK_…` variables < flags. The database is `<data>/runbook.sqlite`; SQLite's WAL lets an admin command
/// use it while the server runs.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A YAML config file (also RUNBOOK_CONFIG).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The folder of the database (setting data, RUNBOOK_DATA).", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp(
        "The server's PostgreSQL, instead of SQLite in --data (setting database, RUNBOOK_DATABASE).",
        valueName: "postgres://…"))
    var database: String?

    /// The configuration from the file, the environment and these flags.
    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        var flags: [String: ConfigInput] = [:]
        if let data { flags["data"] = .scalar(data) }
        if let database { flags["database"] = .scalar(database) }
        return try Self.loadConfiguration(file: config, flags: flags, environment: environment).configuration
    }

    /// Layers the config file (`file`, else `RUNBOOK_CONFIG`), the `RUNBOOK_…` variables and `flags` over the
    /// defaults; shared by `serve` and the admin commands so both read the same settings the same way.
    static func loadConfiguration(
        file path: String?, flags: [String: ConfigInput],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> LoadedConfiguration {
        var file: ConfigFile?
        if let path = path ?? environment["RUNBOOK_CONFIG"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("cannot read the config file \(path)")
            }
            file = ConfigFile(yaml: text)
        }
        do {
            return try ServerConfiguration.load(file: file, environment: environment, flags: flags)
        } catch {
            throw ValidationError("the configuration is not valid:\n\(error)")
        }
    }

    /// Whether a database was named: `--config`, `--data`, `--database`, `RUNBOOK_CONFIG`, `RUNBOOK_DATA` or
    /// `RUNBOOK_DATABASE`.
    ///
    /// Without one, the admin commands refuse to run rather than create an empty `./runbook-data` wherever they
    /// happen to be run.
    func namesDatabase(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        config != nil || data != nil || database != nil
            || ["RUNBOOK_CONFIG", "RUNBOOK_DATA", "RUNBOOK_DATABASE"].contains { !(environment[$0] ?? "").isEmpty }
    }

    /// Whether `--config`, `--data` or `--database` was given on the command line, which chooses the local database
    /// over a server named in the environment or the CLI's config file.
    var isExplicit: Bool { config != nil || data != nil || database != nil }

    /// The usage error of a command run with no database named (`orServer`: it could also use a server).
    static func missingDatabase(orServer: Bool) -> ValidationError {
        ValidationError(
            "no database given: pass --data DIR (the folder of runbook.sqlite), --database postgres://… or "
                + "--config FILE (the server's configuration), or set RUNBOOK_DATA, RUNBOOK_DATABASE or RUNBOOK_CONFIG"
                + (orServer ? "; or name a running server with --server URL --token TOKEN (or RUNBOOK_SERVER)" : "")
                + ". Nothing was created.")
    }

    /// Opens the server's database (creating its folder), runs `body`, and closes it.
    ///
    /// Refuses, creating nothing, when no database is named (see `namesDatabase`). A store error that is the
    /// user's fault (unknown or taken name, bad input) is printed and exits 2.
    func withStore<Value>(
        orServer: Bool = false, _ body: (any Store, ServerConfiguration) async throws -> Value
    ) async throws -> Value {
        guard namesDatabase() else { throw Self.missingDatabase(orServer: orServer) }
        let configuration = try load()
        let store: any Store
        do {
            store = try await configuration.openStore()
        } catch {
            throw ValidationError("cannot open the database \(configuration.storeDescription): \(error)")
        }
        do {
            let value = try await body(store, configuration)
            try await store.close()
            return value
        } catch let error as StoreError {
            try? await store.close()
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(CLIExit.usage)
        } catch {
            try? await store.close()
            throw error
        }
    }
}
