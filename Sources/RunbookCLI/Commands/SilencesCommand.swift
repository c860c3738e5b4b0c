import ArgumentParser
import Foundation
import RunbookCore
import RunbookServer
import RunbookStore

/// `runbook silences add|list|expire`: windows in which matching incidents are recorded but not notified.
struct SilencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silences",
        abstract: "Silence notifications for incidents whose labels match, for a while.",
        discussion: """
            While a silence is in force, matching incidents are still recorded (their timeline names the \
            silence) but nobody is notified; when it ends and the incident still fires, the notification goes \
            out then. Matchers are label=value, label!=value, label=~regex or label!~regex (anchored). The \
            commands use a running server (--server URL --token TOKEN, RUNBOOK_SERVER and RUNBOOK_TOKEN, or \
            ~/.config/runbook/cli.yaml; adding and expiring need an operator token, and the token's name is \
            recorded), or the server's database (--data, --config, RUNBOOK_DATA or RUNBOOK_CONFIG), also while \
            it runs; --data or --config on the command line chooses the database.

            Examples:
              runbook silences add --match alertname=DiskUsageWarning --match 'app=~xq.*' --for 2h \\
                  --comment "disk swap on the xqueue hosts"
              runbook silences list --all
              runbook silences expire 3
              runbook silences list --server http://127.0.0.1:8080 --token rbk_…
            """,
        subcommands: [Add.self, List.self, Expire.self]
    )

    /// `runbook silences add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a silence now, for a duration (--for) or until a time (--until).",
            discussion: """
                Examples:
                  runbook silences add --match alertname=DiskUsageWarning --for 2h --comment "disk swap"
                  runbook silences add --match 'app=~xq.*' --match 'severity!=critical' \\
                      --until 2026-05-01T18:00:00Z --comment "xqueue migration" --by ana --json
                """
        )

        @OptionGroup var server: ServerOptions
        @OptionGroup var remote: RemoteOptions
        @Option(name: .customLong("match"), help: ArgumentHelp(
            "A label matcher: name=value, name!=value, name=~regex or name!~regex; repeat for more (all must hold).",
            valueName: "matcher"
        ))
        var matchers: [String] = []
        @Option(name: .customLong("for"), help: ArgumentHelp("How long: 2h, 30m, 1h30m, 1d.", valueName: "duration"))
        var duration: String?
        @Option(help: ArgumentHelp("When it ends: an ISO 8601 time in the future.", valueName: "time"))
        var until: String?
        @Option(help: "Why, for whoever sees the silence later.")
        var comment: String
        @Option(help: ArgumentHelp("Who sets it (default: $USER).", valueName: "name"))
        var by: String?
        @Flag(help: "Print JSON: the silence, as POST /api/v1/silences answers.")
        var json = false

        func validate() throws {
            guard !matchers.isEmpty else {
                throw ValidationError("give at least one --match, such as --match alertname=DiskUsageWarning")
            }
            guard (duration == nil) != (until == nil) else {
                throw ValidationError("give exactly one of --for (a duration) and --until (a time)")
            }
            _ = try silence(now: Date())
        }

        func run() async throws {
            let now = Date()
            if let target = try remote.target(unless: server) {
                let body = try await RemoteClient(target: target).send(
                    "POST", "/api/v1/silences",
                    json: SilenceRequest(matchers: matchers, endsAt: until, duration: duration, comment: comment),
                    role: "operator")
                if json { return RemoteOutput.printRaw(body) }
                let stored = try RemoteOutput.decode(SilenceResource.self, from: body)
                return print("Silence \(stored.id.map(String.init) ?? "?") is in force until "
                             + "\(stored.endsAt.formatted(.iso8601)): \(stored.matchers.joined(separator: ", "))")
            }
            let request = try silence(now: now)
            let stored = try await server.withStore(orServer: true) { store, _ in
                try await store.addSilence(request)
            }
            if json {
                try JSONOutput.printAPI(SilenceResource(stored, now: now))
            } else {
                let matchers = stored.matchers.map(\.description).joined(separator: ", ")
                print("Silence \(stored.id.map(String.init) ?? "?") is in force until "
                      + "\(stored.endsAt.formatted(.iso8601)): \(matchers)")
            }
        }

        /// The silence the flags ask for, starting at `now`; a bad flag is a usage error naming it.
        private func silence(now: Date) throws -> Silence {
            let request = SilenceRequest(matchers: matchers, endsAt: until, duration: duration, comment: comment)
            do {
                let maxLength = (try? server.load().maxSilenceLength) ?? SilenceRequest.defaultMaxLength
                return try request.silence(createdBy: SilencesCommand.actor(by), now: now, maxLength: maxLength)
            } catch let error as SilenceRequestError {
                throw ValidationError("\(SilencesCommand.flag(for: error.field)): \(error.detail)")
            }
        }
    }

    /// `runbook silences list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the silences in force (or every one with --all), newest first.",
            discussion: """
                Examples:
                  runbook silences list
                  runbook silences list --all --json
                """
        )

        @OptionGroup var server: ServerOptions
        @OptionGroup var remote: RemoteOptions
        @Flag(help: "Also list silences that have ended.")
        var all = false
        @Flag(help: "Print JSON: {\"silences\": [...]}, as GET /api/v1/silences answers.")
        var json = false

        func run() async throws {
            let now = Date()
            let resources: [SilenceResource]
            if let target = try remote.target(unless: server) {
                struct Page: Decodable { var silences: [SilenceResource] }
                let body = try await RemoteClient(target: target).send(
                    "GET", "/api/v1/silences", query: all ? [("all", "true")] : [], role: "viewer")
                if json { return RemoteOutput.printRaw(body) }
                resources = try RemoteOutput.decode(Page.self, from: body).silences
            } else {
                resources = try await server.withStore(orServer: true) { store, _ in
                    try await store.silences(activeAt: all ? nil : now)
                }.map { SilenceResource($0, now: now) }
            }
            if json {
                try JSONOutput.printAPI(["silences": resources])
            } else if resources.isEmpty {
                print(all ? "No silences." : "No silence is in force.")
            } else {
                print(["ID", "STATUS", "ENDS", "BY", "MATCHERS", "COMMENT"].joined(separator: "\t"))
                for silence in resources {
                    print([
                        silence.id.map(String.init) ?? "-", silence.status.rawValue,
                        silence.endsAt.formatted(.iso8601),
                        silence.expiredBy.map { "\(silence.createdBy), expired by \($0)" } ?? silence.createdBy,
                        silence.matchers.joined(separator: ","), silence.comment,
                    ].joined(separator: "\t"))
                }
            }
        }
    }

    /// `runbook silences expire ID`.
    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a silence now; incidents it held back that still fire are notified.",
            discussion: """
                Examples:
                  runbook silences expire 3
                  runbook silences expire 3 --by ana --json
                """
        )

        @OptionGroup var server: ServerOptions
        @OptionGroup var remote: RemoteOptions
        @Argument(help: "The silence's id (see runbook silences list).")
        var id: Int64
        @Option(help: ArgumentHelp("Who ends it (default: $USER).", valueName: "name"))
        var by: String?
        @Flag(help: "Print JSON: the silence, as POST /api/v1/silences/{id}/expire answers.")
        var json = false

        func run() async throws {
            let now = Date()
            if let target = try remote.target(unless: server) {
                let body = try await RemoteClient(target: target).send(
                    "POST", "/api/v1/silences/\(id)/expire", role: "operator", what: "silence \(id)")
                if json { return RemoteOutput.printRaw(body) }
                let silence = try RemoteOutput.decode(SilenceResource.self, from: body)
                return print("Silence \(id) ended at \(silence.endsAt.formatted(.iso8601)).")
            }
            let silence = try await server.withStore(orServer: true) { store, _ in
                try await store.expireSilence(id: id, by: SilencesCommand.actor(by), at: now)
            }
            if json {
                try JSONOutput.printAPI(SilenceResource(silence, now: now))
            } else {
                print("Silence \(id) ended at \(silence.endsAt.formatted(.iso8601)).")
            }
        }
    }

    /// `--by`, else the login name, else `cli`.
    static func actor(_ by: String?) -> String {
        let name = by ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        return name.isEmpty ? "cli" : name
    }

    /// The flag a `SilenceRequestError` field stands for.
    static func flag(for field: String) -> String {
        switch field {
        case "duration": return "--for"
        case "ends_at": return "--until"
        case "comment": return "--comment"
        default: return "--match"
        }
    }
}
