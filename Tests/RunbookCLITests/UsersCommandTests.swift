import Foundation
import RunbookServer
import RunbookStore
import Testing

/// `runbook users`: the console's local users, run as the built binary over a temporary data folder.
struct UsersCommandTests {
    @Test
    func aUserIsAddedWithABcryptHashListedAndRemoved() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-users-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.path
        let added = try await CLIRunner.run(["users", "add", "vic", "--role", "operator", "--password-stdin", "--data", data],
                                      stdin: "correct horse battery\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("User vic (operator)"))

        let store = try SQLiteStore(path: data + "/runbook.sqlite")
        let user = try #require(try await store.consoleUser(named: "vic"))
        #expect(user.passwordHash.hasPrefix("$2"))
        #expect(!user.passwordHash.contains("correct horse"))
        #expect(PasswordHash.verify("correct horse battery", hash: user.passwordHash))
        #expect(!PasswordHash.verify("correct horse", hash: user.passwordHash))
        try await store.close()

        let again = try await CLIRunner.run(["users", "add", "vic", "--role", "viewer", "--password-stdin", "--data", data],
                                      stdin: "another long password\n")
        #expect(again.status != 0)
        #expect(again.stderr.contains("a user named vic exists"))
        #expect(try await CLIRunner.run(["users", "list", "--data", data]).stdout.contains("vic\toperator"))
        #expect(try await CLIRunner.run(["users", "remove", "vic", "--data", data]).status == 0)
        #expect(try await CLIRunner.run(["users", "list", "--data", data]).stdout.contains("No users"))
    }

    @Test
    func aShortPasswordIsRefusedSayingWhy() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-users-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await CLIRunner.run(
            ["users", "add", "vic", "--role", "viewer", "--password-stdin", "--data", folder.path], stdin: "short\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("the password has 5 characters; use 10 or more"))
    }
}
