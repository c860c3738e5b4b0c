import Foundation
import GRDB
import RunbookCore
import Testing

@testable import RunbookStore

/// `StoreMigration`: a SQLite store filled through its API comes back whole from PostgreSQL.
@Suite(.enabled(if: PostgresTestDatabase.enabled, Comment(rawValue: PostgresTestDatabase.skipReason)))
struct StoreMigrationTests {
    /// What the filled source holds that the test reads back.
    struct Filled {
        var incidents: [IncidentDetail] = []
        var tokenSecret = ""
        var token: APIToken?
        var silences: [Silence] = []
        var payloads: [StoredPayload] = []
    }

    /// A SQLite store with every kind of row: incidents acknowledged, noted and resolved, deliveries sent and
    /// failed, an integration, a token, a silence and a binding.
    static func fill(_ store: SQLiteStore) async throws -> Filled {
        var filled = Filled()
        // A body large enough to be stored compressed: PostgreSQL must give it back as received.
        var firstRequest = Fixture.request([Fixture.alert("DiskFull"), Fixture.alert("Load")], score: 0.9)
        firstRequest.payload = PayloadEncodingTests.alertBody(50)
        let first = try await store.ingest(firstRequest)
        _ = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 30))
        let second = try await store.ingest(Fixture.request([Fixture.alert("Replication", instance: "db2")], at: 60))
        let ids = first.incidentIDs + second.incidentIDs
        _ = try await store.acknowledge(incidentID: ids[0], by: "ana", at: Fixture.at(90))
        _ = try await store.addNote(incidentID: ids[0], text: "volume grown", by: "ana", at: Fixture.at(100))
        _ = try await store.resolve(incidentID: ids[1], by: "ana", at: Fixture.at(110))
        let claimed = try await store.claimDeliveries(limit: 10, now: Fixture.at(120), lease: 60)
        #expect(claimed.count >= 2)
        try await store.markDelivered(
            id: claimed[0].id, attempt: DeliveryAttempt(deliveryID: claimed[0].id, at: Fixture.at(121), status: 200,
                                                        duration: 0.05), reference: "1700000000.1")
        try await store.markFailed(
            id: claimed[1].id, attempt: DeliveryAttempt(deliveryID: claimed[1].id, at: Fixture.at(121), status: 503,
                                                       error: "receiver answered HTTP 503", duration: 0.1),
            retryAt: Fixture.at(180))
        _ = try await store.addIntegration(name: "am", source: .alertmanager, at: Fixture.at(0))
        let token = try await store.addToken(name: "ci", role: .operator, at: Fixture.at(0))
        filled.tokenSecret = token.secret
        filled.token = token.value
        filled.silences = [try await store.addSilence(Silence(
            matchers: [try LabelMatcher(parsing: "alertname=Load")], startsAt: Fixture.at(0), endsAt: Fixture.at(3600),
            createdBy: "ana", comment: "load test"))]
        _ = try await store.chooseEntry(
            incidentID: ids[2], entryID: "db.md#replication-lag", note: "the lag entry", by: "ana", at: Fixture.at(130))
        for id in ids {
            filled.incidents.append(try await store.incident(id: id))
        }
        filled.payloads = try await store.payloads(alertID: filled.incidents[0].alerts[0].id)
        #expect(filled.payloads.first?.body == firstRequest.payload)
        return filled
    }

    /// A source store in a fresh folder, filled, closed; returns its path and what it holds.
    static func source() async throws -> (path: String, filled: Filled, folder: URL) {
        let folder = try StoreKind.sqlite.makeLocation()
        let path = folder.appendingPathComponent("runbook.sqlite").path
        let store = try SQLiteStore(path: path, configuration: StoreConfiguration(planner: TestPlanner()))
        let filled = try await fill(store)
        try await store.close()
        return (path, filled, folder)
    }

    @Test
    func everyTableIsCopiedWithItsIdsAndTheStoreReadsTheSame() async throws {
        let (path, filled, folder) = try await Self.source()
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = try PostgresTestDatabase.makeLocation()
        let report = try await StoreMigration.run(from: path, to: location, logger: PostgresTestDatabase.logger)

        let counts = Dictionary(uniqueKeysWithValues: report.tables.map { ($0.name, $0.source) })
        for table in ["incidents", "payloads", "matchSets", "alerts", "alertPayloads", "timeline", "integrations",
                      "apiTokens", "deliveries", "deliveryAttempts", "silences", "bindings"] {
            #expect((counts[table] ?? 0) > 0, "\(table) was not filled or not copied")
        }
        #expect(report.tables.allSatisfy { $0.source == $0.target })
        #expect(counts["incidents"] == 3 && counts["deliveryAttempts"] == 2)

        try await PostgresTestDatabase.withStore(at: location) { store in
            for incident in filled.incidents {
                #expect(try await store.incident(id: incident.incident.id) == incident)
            }
            #expect(try await store.payloads(alertID: filled.incidents[0].alerts[0].id) == filled.payloads)
            #expect(try await store.token(presented: filled.tokenSecret) == filled.token)
            #expect(try await store.silences(activeAt: nil) == filled.silences)
            #expect(try await store.openIncidentCount() == 2)
            // The sequences start past the copied ids.
            let next = try await store.ingest(Fixture.request([Fixture.alert("NewAlert")], at: 200))
            #expect(next.incidentIDs.allSatisfy { $0 > filled.incidents.map(\.incident.id).max()! })
            _ = try await store.addToken(name: "second", role: .viewer, at: Fixture.at(200))
        }
    }

    @Test
    func aTargetWithDataIsRefusedUnlessReplaced() async throws {
        let (path, _, folder) = try await Self.source()
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = try PostgresTestDatabase.makeLocation()
        let logger = PostgresTestDatabase.logger
        let first = try await StoreMigration.run(from: path, to: location, logger: logger)
        let error = await #expect(throws: StoreMigrationError.self) {
            try await StoreMigration.run(from: path, to: location, logger: logger)
        }
        #expect(error?.description.contains("already holds data (in") == true)
        #expect(error?.description.contains("--replace-target") == true)
        let replaced = try await StoreMigration.run(from: path, to: location, replaceTarget: true, logger: logger)
        #expect(replaced == first)
    }

    @Test
    func aMissingSourceAndAnUnreachableTargetSayWhatIsWrong() async throws {
        let location = try PostgresTestDatabase.makeLocation()
        let missing = await #expect(throws: StoreMigrationError.self) {
            try await StoreMigration.run(
                from: "/nonexistent/runbook.sqlite", to: location, logger: PostgresTestDatabase.logger)
        }
        #expect(missing?.description.contains("/nonexistent/runbook.sqlite does not exist") == true)

        let (path, _, folder) = try await Self.source()
        defer { try? FileManager.default.removeItem(at: folder) }
        var closed = location
        closed.port = 1
        closed.tls = .disable
        let unreachable = await #expect(throws: StoreMigrationError.self) {
            try await StoreMigration.run(from: path, to: closed, logger: PostgresTestDatabase.logger)
        }
        #expect(unreachable?.description.contains("cannot connect to the target postgres://") == true)
        #expect(unreachable?.description.contains("[OMITTED]") == true)
    }

    @Test(arguments: [
        ("DELETE FROM grdb_migrations WHERE identifier = 'v5-console-users'",
         "lacks migrations this runbook expects (v5"),
        ("INSERT INTO grdb_migrations VALUES ('v99-future')", "written by a newer runbook (migrations v99-future"),
        ("DROP TABLE grdb_migrations", "is a SQLite database but not Runbook's"),
    ])
    func aSourceOfAnotherSchemaVersionIsRefused(change: String, message: String) async throws {
        let (path, _, folder) = try await Self.source()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await DatabaseQueue(path: path).write { db in try db.execute(sql: change) }
        let error = await #expect(throws: StoreMigrationError.self) {
            try await StoreMigration.run(
                from: path, to: try PostgresTestDatabase.makeLocation(), logger: PostgresTestDatabase.logger)
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test
    func aTargetMigratedByANewerRunbookIsRefused() async throws {
        let (path, _, folder) = try await Self.source()
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = try PostgresTestDatabase.makeLocation()
        try await PostgresTestDatabase.withStore(at: location) { store in
            try await store.client.query(
                "INSERT INTO runbook_migrations (position, name, appliedAt) VALUES (999, 'v99-future', 0)",
                logger: PostgresTestDatabase.logger)
        }
        let error = await #expect(throws: StoreMigrationError.self) {
            try await StoreMigration.run(from: path, to: location, logger: PostgresTestDatabase.logger)
        }
        #expect(error?.description.contains("migrated by a newer runbook (migrations v99-future") == true)
    }

    @Test
    func aSourceThatIsNotRunbooksIsRefused() async throws {
        let folder = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("other.sqlite").path
        try Data("not a database at all, just text".utf8).write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: StoreMigrationError.self) {
            try await StoreMigration.run(
                from: path, to: try PostgresTestDatabase.makeLocation(), logger: PostgresTestDatabase.logger)
        }
        #expect(error?.description.contains("cannot be read as SQLite") == true)
    }
}
