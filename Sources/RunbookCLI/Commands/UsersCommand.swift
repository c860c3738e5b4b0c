import ArgumentParser
import Foundation
import RunbookServer
import RunbookStore

/// `runbook users add|list|remove`: the web console's local users.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the users who sign in to the web console with a name and password.",
        discussion: """
            A user has the same roles as an API token: a viewer reads, an operator also acknowledges, notes, \
            resolves, reopens, chooses entries and retries deliveries, an admin also administers. The password is \
            stored as a bcrypt hash. People can also sign in with an API token (runbook tokens add). The commands \
            use the server's database (--data, --config or RUNBOOK_DATA), also while it runs.

            Examples:
              runbook users add ana --role operator            # asks for the password
              printf '%s\\n' "$PASSWORD" | runbook users add ci --role viewer --password-stdin
              runbook users list
              runbook users remove ana
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    /// `runbook users add NAME --role R`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user; the password is asked for, or read from standard input.",
            discussion: """
                Examples:
                  runbook users add ana --role operator
                  runbook users add ci --role viewer --password-stdin < password.txt
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The user's name: what they type to sign in, and who did what on timelines.")
        var name: String
        @Option(help: "viewer, operator or admin.")
        var role: APIToken.Role
        @Flag(help: "Read the password from the first line of standard input instead of asking for it.")
        var passwordStdin = false

        func run() async throws {
            let password = try readPassword()
            guard password.count >= 10 else {
                throw ValidationError("the password has \(password.count) characters; use 10 or more")
            }
            let user = ConsoleUser(name: name, role: role, passwordHash: PasswordHash.make(password), createdAt: Date())
            try await server.withStore { store, _ in
                guard let users = store as? any ConsoleUserStore else {
                    throw ValidationError("this database engine does not keep console users yet")
                }
                try await users.addConsoleUser(user)
            }
            print("User \(name) (\(role.rawValue)) can now sign in to the console.")
        }

        private func readPassword() throws -> String {
            if !passwordStdin, isatty(STDIN_FILENO) != 0, let typed = getpass("Password for \(name): ") {
                return String(cString: typed)
            }
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("no password on standard input; pipe one line, or run in a terminal")
            }
            return line
        }
    }

    /// `runbook users list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the console users and their roles (never the password hashes).",
            discussion: """
                Example:
                  runbook users list --json
                """
        )

        @OptionGroup var server: ServerOptions
        @Flag(help: "Print JSON: [{\"name\", \"role\", \"created_at\"}].")
        var json = false

        func run() async throws {
            let users = try await server.withStore { store, _ in
                try await (store as? any ConsoleUserStore)?.consoleUsers() ?? []
            }
            try RoleListing.print(
                users.map { RoleListing.Row(name: $0.name, role: $0.role, createdAt: $0.createdAt) }, json: json,
                command: "users")
        }
    }

    /// `runbook users remove NAME`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a user; they can no longer sign in.",
            discussion: """
                Example:
                  runbook users remove ana
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The user's name.")
        var name: String

        func run() async throws {
            try await server.withStore { store, _ in
                guard let users = store as? any ConsoleUserStore else {
                    throw ValidationError("this database engine does not keep console users yet")
                }
                try await users.removeConsoleUser(name: name)
            }
            print("Removed user \(name).")
        }
    }
}
