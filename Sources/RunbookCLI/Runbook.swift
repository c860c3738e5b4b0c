import ArgumentParser
import Foundation
import RunbookCore

/// The `runbook` command: parse, lint, search and match Markdown runbooks.
@main
struct Runbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Put the right runbook entry in front of whoever is paged.",
        discussion: """
            Runbook reads a library of Markdown runbooks (one or more folders), lints it, searches it and \
            matches alerts to the entry that answers them.

            Examples:
              runbook lint examples/runbooks
              runbook match --runbooks examples/runbooks 'DiskUsageWarning checkout-worker'
              runbook show oncall.md#diskusagewarning-checkout-worker --runbooks examples/runbooks \\
                  --label instance=checkout-worker-3

            On a running server (--server URL --token T, or RUNBOOK_SERVER and RUNBOOK_TOKEN):
              runbook incidents list --state triggered
              runbook incidents ack 42
              runbook coverage
            """,
        version: RunbookVersion.current,
        subcommands: [
            EntriesCommand.self, LintCommand.self, SearchCommand.self, ShowCommand.self, MatchCommand.self,
            ServeCommand.self, ConfigCommand.self, IntegrationsCommand.self, TokensCommand.self, PruneCommand.self,
            RoutesCommand.self, DeliveriesCommand.self, SilencesCommand.self, BindingsCommand.self, IncidentsCommand.self,
            CoverageCommand.self, UsersCommand.self, MigrateStoreCommand.self,
        ]
    )

    /// Runs the command line, mapping usage errors to exit status 2 as the CLI contract says.
    ///
    /// Only an error in the arguments (parsing or `validate()`) prints the usage; an error while the command runs
    /// (a missing folder, bad input, an unknown entry) prints just what went wrong.
    static func main() async {
        var parsed = false
        do {
            var command = try parseAsRoot()
            parsed = true
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as RemoteFailure {
            // The server's own words may quote what an alert sent: shown, not acted on (see `TerminalText`).
            FileHandle.standardError.write(Data(TerminalText.printable("error: \(failure.description)\n").utf8))
            Foundation.exit(failure.status)
        } catch {
            let code = exitCode(for: error)
            let message = parsed && error is ValidationError ? "Error: \(message(for: error))" : fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty {
                FileHandle.standardError.write(Data(TerminalText.printable(message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? CLIExit.usage : code.rawValue)
        }
    }
}

/// Exit statuses shared by every command.
enum CLIExit {
    /// The command did what it was asked and found what it looked for.
    static let ok: Int32 = 0
    /// The command ran, but found nothing confident (match) or found errors (lint).
    static let notFound: Int32 = 1
    /// Bad input or usage.
    static let usage: Int32 = 2
}
