import Foundation
import Logging
import RunbookStore
import Testing

/// `runbook migrate-store`, run as the built binary: from a data folder made by the admin commands into the
/// throwaway PostgreSQL.
struct MigrateStoreCommandTests {
    static let postgres = ProcessInfo.processInfo.environment["RUNBOOK_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    @Test(arguments: [
        (["--from", "runbook-data", "--to", "postgres://runbook@db/runbook"], "--from must be sqlite://PATH"),
        (["--from", "sqlite://runbook-data", "--to", "mysql://runbook@db/runbook"], "--to: the database URL must"),
    ])
    func badURLsAreUsageErrors(arguments: [String], message: String) async throws {
        let result = try await CLIRunner.run(["migrate-store"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test(.enabled(if: postgres != nil, "RUNBOOK_TEST_POSTGRES is not set: run scripts/test"))
    func aDataFolderMovesOnceAndItsTokenWorksOnPostgreSQL() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-move-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let added = try await CLIRunner.run(["tokens", "add", "ci", "--role", "operator", "--json", "--data", folder.path])
        #expect(added.status == 0, "\(added.stderr)")
        let secret = try #require((try added.json() as? [String: Any])?["token"] as? String)
        #expect(try await CLIRunner.run(["integrations", "add", "am", "--source", "alertmanager", "--data", folder.path])
            .status == 0)

        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let target = try #require(Self.postgres) + "?schema=" + schema
        let moved = try await CLIRunner.run(["migrate-store", "--from", "sqlite://" + folder.path, "--to", target])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("apiTokens               1        1"), "\(moved.stdout)")
        #expect(moved.stdout.contains("Copied 2 row(s) into postgres://"))
        #expect(!moved.stdout.contains(try #require(PostgresLocation(url: target).password)))

        let again = try await CLIRunner.run(["migrate-store", "--from", "sqlite://" + folder.path, "--to", target])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds data"), "\(again.stderr)")

        let store = try await PostgresStore.open(
            try PostgresLocation(url: target), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let token = try await store.token(presented: secret)
        try await store.close()
        #expect(token?.name == "ci" && token?.role == .operator)
    }
}
