import Foundation
import Logging
import RunbookStore

/// The PostgreSQL the tests run on: `RUNBOOK_TEST_POSTGRES`, which `scripts/test` sets after starting a throwaway
/// cluster (`scripts/postgres/start`).
///
/// Outside CI, tests that need it are skipped when it is not set, with the reason; when `CI` is set they run and fail,
/// so that a CI that lost its database does not pass by skipping them. Each store gets a schema of its own.
enum PostgresTestDatabase {
    static let variable = "RUNBOOK_TEST_POSTGRES"
    static let skipReason = "RUNBOOK_TEST_POSTGRES is not set: run scripts/test, or eval \"$(scripts/postgres/start)\""

    static var url: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a missing database fails the tests rather than skipping them.
    static var required: Bool {
        ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false
    }

    /// Whether the tests that need PostgreSQL run: it is there, or it must be.
    static var enabled: Bool {
        url != nil || required
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "CI is set but \(PostgresTestDatabase.variable) is not: scripts/test starts one" }
    }

    /// A new, empty schema in the test database, as a store location.
    static func makeLocation() throws -> PostgresLocation {
        try location(named: UUID().uuidString)
    }

    /// The schema for `name` (a UUID) in the test database: the same name gives the same schema, so that a test can
    /// close a store and open it again.
    static func location(named name: String) throws -> PostgresLocation {
        guard let url else { throw Missing() }
        var location = try PostgresLocation(url: url)
        location.schema = "test_" + name.lowercased().replacingOccurrences(of: "-", with: "")
        return location
    }

    static let logger = Logger(label: "runbook.store.tests")

    /// The read and write deadlines of the tests' stores: the whole suite at once on two cores (a hundred schemas
    /// migrating, thousands of writes) has made a batch take over the default 10 s. The deadlines themselves are
    /// tested with short ones (`PostgresReadDeadlineTests`, the failover drill).
    static let deadline: Duration = .seconds(60)

    /// `PostgresStore.open` with the tests' logger and deadlines.
    static func open(
        _ location: PostgresLocation, configuration: StoreConfiguration = StoreConfiguration()
    ) async throws -> PostgresStore {
        try await PostgresStore.open(
            location, configuration: configuration, readDeadline: deadline, writeDeadline: deadline, logger: logger)
    }

    /// Runs `body` on a store in a fresh schema, then closes it.
    static func withStore<T>(
        at location: PostgresLocation? = nil, configuration: StoreConfiguration = StoreConfiguration(),
        _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        let store = try await PostgresTestDatabase.open(location ?? makeLocation(), configuration: configuration)
        return try await StoreKind.run(store, body)
    }
}
