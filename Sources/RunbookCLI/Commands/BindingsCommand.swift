import ArgumentParser
import Foundation
import RunbookCore
import RunbookServer
import RunbookStore

/// `runbook bindings list|remove`: operators' choices of entry per alert key, in the server's database.
struct BindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bindings",
        abstract: "List or remove the entries operators chose for alert keys.",
        discussion: """
            An operator binds an alert key to an entry (or to none) by choosing an incident's entry: \
            POST /api/v1/incidents/{id}/entry. The next alert with that key gets the bound entry before any \
            matching. A binding whose entry the library no longer has is stale: it is not applied, and \
            `runbook lint --data DIR` and /__heartbeat__ report it. The commands use the server's database \
            (--data, --config or RUNBOOK_DATA), also while it runs.

            Examples:
              runbook bindings list --data /var/lib/runbook
              runbook bindings remove 'DiskUsageWarning checkout-worker' --data /var/lib/runbook
            """,
        subcommands: [List.self, Remove.self]
    )

    /// `runbook bindings list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the bindings: key, entry (or none), who chose it and when, and the note.",
            discussion: """
                Example:
                  runbook bindings list --data /var/lib/runbook --json
                """
        )

        @OptionGroup var server: ServerOptions
        @Flag(help: "Print JSON: [{\"key\", \"entry_id\", \"note\", \"created_by\", \"created_at\"}].")
        var json = false

        func run() async throws {
            let bindings = try await server.withStore { store, _ in try await store.bindings() }
            if json {
                try JSONOutput.printAPI(bindings)
            } else if bindings.isEmpty {
                print("No bindings; an operator makes one by choosing an incident's entry.")
            } else {
                for binding in bindings {
                    var line = "\(binding.key)\t\(binding.entryID ?? "none")\t\(binding.chosenBy)"
                    if let note = binding.note { line += "\t\(note)" }
                    print(line)
                }
            }
        }
    }

    /// `runbook bindings remove KEY`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete the binding of an alert key; its alerts are matched again.",
            discussion: """
                Example:
                  runbook bindings remove 'DiskUsageWarning checkout-worker' --data /var/lib/runbook
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The alert key, as `runbook bindings list` shows it.")
        var key: String
        @Flag(help: "Print JSON: {\"removed\": KEY}.")
        var json = false

        func run() async throws {
            try await server.withStore { store, _ in try await store.removeBinding(key: key) }
            if json {
                try JSONOutput.print(["removed": key])
            } else {
                print("Removed the binding of \(key).")
            }
        }
    }
}
