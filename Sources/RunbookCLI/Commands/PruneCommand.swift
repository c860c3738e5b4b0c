import ArgumentParser
import Foundation
import RunbookServer
import RunbookStore

/// `runbook prune --older-than 90d`: delete resolved history, as the server's daily retention job does.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete incidents resolved longer ago than an age, with their alerts, timelines and payloads.",
        discussion: """
            Open incidents are never deleted. Without --older-than, the setting retention.age (90d by default) \
            applies. Uses the server's database (--data, --config or RUNBOOK_DATA), also while it runs.

            Examples:
              runbook prune --older-than 90d
              runbook prune --older-than 2w --json
            """
    )

    @OptionGroup var server: ServerOptions
    @Option(
        name: .customLong("older-than"),
        help: ArgumentHelp("Age of resolved incidents to delete: 90d, 2w, 12h…", valueName: "age")
    )
    var olderThan: String?
    @Flag(help: "Print JSON: {\"cutoff\", \"incidents\", \"alerts\", \"payloads\"}.")
    var json = false

    func validate() throws {
        if let olderThan {
            guard let age = ConfigDuration.parse(olderThan), age > .zero else {
                throw ValidationError("--older-than '\(olderThan)' is not an age; write it like 90d, 2w or 12h")
            }
        }
    }

    func run() async throws {
        let (cutoff, result) = try await server.withStore { store, configuration in
            let age = olderThan.flatMap(ConfigDuration.parse) ?? configuration.retentionAge
            let cutoff = Date().addingTimeInterval(-Double(age.components.seconds))
            return (cutoff, try await store.prune(olderThan: cutoff))
        }
        if json {
            try JSONOutput.print(Report(cutoff: cutoff, result: result))
        } else {
            print("Deleted \(result.incidents) incident(s), \(result.alerts) alert(s) and \(result.payloads) "
                  + "payload(s) resolved before \(cutoff.formatted(.iso8601)).")
        }
    }

    private struct Report: Encodable {
        var cutoff: Date
        var incidents: Int
        var alerts: Int
        var payloads: Int

        init(cutoff: Date, result: PruneResult) {
            self.cutoff = cutoff
            incidents = result.incidents
            alerts = result.alerts
            payloads = result.payloads
        }
    }
}
