import ArgumentParser
import Foundation
import RunbookServer
import RunbookStore

extension APIToken.Role: ExpressibleByArgument {}

/// `runbook tokens add|list|remove`: the operators' API tokens.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Manage the API tokens operators use on /api/v1.",
        discussion: """
            A viewer reads incidents, runbooks and coverage; an operator also acknowledges, notes, resolves, \
            reopens and reloads the library; an admin also retracts. A token is shown once, when added, and \
            stored as a hash. The commands use the server's database (--data, --config or RUNBOOK_DATA), also \
            while it runs.

            Examples:
              runbook tokens add ana --role operator
              runbook tokens list --json
              runbook tokens remove ana
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    /// `runbook tokens add NAME --role R`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it (shown only this once).",
            discussion: """
                Examples:
                  runbook tokens add ana --role operator
                  runbook tokens add ci-bot --role viewer --json
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The token's name: who uses it; recorded as who acknowledged, noted or resolved.")
        var name: String
        @Option(help: "viewer, operator or admin.")
        var role: APIToken.Role
        @Flag(help: "Print JSON: {\"name\", \"role\", \"token\"}.")
        var json = false

        func run() async throws {
            let issued = try await server.withStore { store, _ in
                try await store.addToken(name: name, role: role, at: Date())
            }
            if json {
                try JSONOutput.print(["name": issued.value.name, "role": issued.value.role.rawValue,
                                      "token": issued.secret])
            } else {
                print("Token \(issued.value.name) (\(issued.value.role.rawValue)): \(issued.secret)")
                print("It is shown only now; send it as `Authorization: Bearer <token>`.")
            }
        }
    }

    /// `runbook tokens list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens (names and roles; never the secrets).",
            discussion: """
                Example:
                  runbook tokens list --json
                """
        )

        @OptionGroup var server: ServerOptions
        @Flag(help: "Print JSON: [{\"name\", \"role\", \"created_at\"}].")
        var json = false

        func run() async throws {
            let tokens = try await server.withStore { store, _ in try await store.tokens() }
            try RoleListing.print(
                tokens.map { RoleListing.Row(name: $0.name, role: $0.role, createdAt: $0.createdAt) }, json: json,
                command: "tokens")
        }
    }

    /// `runbook tokens remove NAME`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a token; it stops working at once.",
            discussion: """
                Example:
                  runbook tokens remove ana
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The token's name.")
        var name: String
        @Flag(help: "Print JSON: {\"removed\": NAME}.")
        var json = false

        func run() async throws {
            try await server.withStore { store, _ in try await store.removeToken(name: name) }
            if json {
                try JSONOutput.print(["removed": name])
            } else {
                print("Removed token \(name).")
            }
        }
    }
}
