import Foundation
import GRDB
import RunbookCore
import Testing

@testable import RunbookStore

/// Match lists stored once per distinct list (`MatchSet`, migration v7): every alert still reads back what was
/// matched and why, on every store; on SQLite, the sets are shared, and pruned or retracted with their alerts.
struct StoreMatchSetTests {
    static func matches(score: Double, term: String = "disk") -> [Match] {
        [
            Match(entry: "ops.md#disk-full", title: "Disk full", score: score, evidence: [
                Evidence(term: term, alertField: "alertname", entryField: "title", weight: score),
                Evidence(term: "full", alertField: "summary", entryField: "body", weight: 0.25),
            ]),
            Match(entry: "ops.md#inodes", title: "Inodes", score: score / 2, evidence: []),
        ]
    }

    static func request(_ items: [IngestAlert], at seconds: Double = 0) -> IngestRequest {
        IngestRequest(source: .alertmanager, integration: "am", receivedAt: Fixture.at(seconds),
                      contentType: "application/json", payload: Data("{}".utf8), alerts: items)
    }

    static func item(_ name: String, _ instance: String, _ matches: [Match], revision: String? = "rev-1")
        -> IngestAlert
    {
        IngestAlert(alert: Fixture.alert(name, instance: instance, group: name), key: name, matches: matches,
                    libraryRevision: revision)
    }

    /// Counts rows of the SQLite file at `path` (read while the store is open: WAL readers see its commits).
    static func count(_ sql: String, in path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    /// Runs `body` on a fresh SQLite store and its file's path, then closes it and deletes the file.
    static func withSQLite(_ body: (SQLiteStore, String) async throws -> Void) async throws {
        let folder = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("runbook.sqlite").path
        try await StoreKind.run(try SQLiteStore(path: path)) { store in try await body(store, path) }
    }

    @Test(arguments: StoreKind.allCases)
    func everyAlertReadsBackItsMatchesAndEvidenceWhetherSharedOrNot(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let shared = Self.matches(score: 0.9)
            let other = Self.matches(score: 0.9, term: "volume")
            let precomputed = try MatchSet(matches: shared, libraryRevision: "rev-1")
            let first = try await store.ingest(Self.request([
                Self.item("DiskFull", "db1", shared), Self.item("DiskFull", "db2", shared),
                IngestAlert(alert: Fixture.alert("DiskFull", instance: "db3", group: "DiskFull"), key: "DiskFull",
                            matchSet: precomputed),
                Self.item("DiskFull", "db4", other), Self.item("DiskFull", "db5", shared, revision: "rev-2"),
                Self.item("DiskFull", "db6", []),
            ]))
            let alerts = try await store.incident(id: first.incidentIDs[0]).alerts
            let byInstance = Dictionary(uniqueKeysWithValues: alerts.map { ($0.alert.labels["instance"] ?? "", $0) })
            for instance in ["db1", "db2", "db3"] {
                #expect(byInstance[instance]?.matches == shared, "\(instance)")
                #expect(byInstance[instance]?.libraryRevision == "rev-1", "\(instance)")
            }
            #expect(byInstance["db4"]?.matches == other)
            #expect(byInstance["db5"]?.matches == shared)
            #expect(byInstance["db5"]?.libraryRevision == "rev-2")
            #expect(byInstance["db6"]?.matches == [])
            #expect(byInstance["db6"]?.libraryRevision == "rev-1")

            // A re-fire with another list replaces the alert's, and only its.
            _ = try await store.ingest(Self.request([Self.item("DiskFull", "db1", other)], at: 10))
            let after = try await store.incident(id: first.incidentIDs[0]).alerts
            #expect(after.first { $0.alert.labels["instance"] == "db1" }?.matches == other)
            #expect(after.first { $0.alert.labels["instance"] == "db2" }?.matches == shared)
        }
    }

    @Test
    func alertsWithTheSameListShareOneSetAndKeepNoCopyOfTheirOwn() async throws {
        try await Self.withSQLite { store, path in
            let shared = Self.matches(score: 0.9)
            _ = try await store.ingest(Self.request((1...20).map { Self.item("DiskFull", "db\($0)", shared) }))
            _ = try await store.ingest(Self.request([Self.item("DiskFull", "db21", Self.matches(score: 0.4))], at: 1))
            #expect(try Self.count("SELECT COUNT(*) FROM matchSets", in: path) == 2)
            #expect(try Self.count("SELECT COUNT(*) FROM alerts WHERE matchSetID IS NOT NULL AND matches = '[]'",
                                   in: path) == 21)
        }
    }

    @Test
    func rowsWrittenBeforeMatchSetsAreReadFromTheirOwnColumn() async throws {
        try await Self.withSQLite { store, path in
            let id = try await store.ingest(Self.request([Self.item("DiskFull", "db1", [])])).incidentIDs[0]
            let old = Self.matches(score: 0.7)
            // As v6 wrote a row: its own list and revision, no set.
            try await store.pool.write { db in
                try db.execute(sql: "UPDATE alerts SET matches = ?, libraryRevision = 'rev-0', score = 0.7",
                               arguments: [try SQLiteHotPath.json(old)])
            }
            let alert = try #require(try await store.incident(id: id).alerts.first)
            #expect(alert.matches == old)
            #expect(alert.libraryRevision == "rev-0")
            #expect(try await store.coverage(threshold: 0.8, limit: 5).first?.candidates == old)
        }
    }

    @Test
    func pruneAndRetractionDeleteTheSetsNoAlertRefersTo() async throws {
        try await Self.withSQLite { store, path in
            let kept = Self.matches(score: 0.9)
            let leaky = Self.matches(score: 0.8, term: "password=hunter2")
            let old = try await store.ingest(Self.request([Self.item("Old", "db1", Self.matches(score: 0.5))]))
            let open = try await store.ingest(Self.request([
                Self.item("DiskFull", "db1", kept), Self.item("DiskFull", "db2", kept),
                Self.item("DiskFull", "db3", leaky),
            ], at: 1))
            #expect(try Self.count("SELECT COUNT(*) FROM matchSets", in: path) == 3)
            _ = try await store.resolve(incidentID: old.incidentIDs[0], by: "ana", at: Fixture.at(2))
            let pruned = try await store.prune(olderThan: Fixture.at(3))
            #expect(pruned.incidents == 1)
            #expect(try Self.count("SELECT COUNT(*) FROM matchSets", in: path) == 2)

            let alerts = try await store.incident(id: open.incidentIDs[0]).alerts
            let leakyID = try #require(alerts.first { $0.alert.labels["instance"] == "db3" }?.id)
            let keptID = try #require(alerts.first { $0.alert.labels["instance"] == "db1" }?.id)
            try await store.retractAlert(id: leakyID, by: "root", reason: "secret", at: Fixture.at(4))
            try await store.retractAlert(id: keptID, by: "root", reason: "test", at: Fixture.at(4))
            #expect(try Self.count("SELECT COUNT(*) FROM matchSets", in: path) == 1)
            #expect(try Self.count("SELECT COUNT(*) FROM matchSets WHERE matches LIKE '%hunter2%'", in: path) == 0)
            let after = try await store.incident(id: open.incidentIDs[0]).alerts
            #expect(after.first { $0.id == leakyID }?.matches.map(\.entry) == leaky.map(\.entry))
            #expect(after.first { $0.id == leakyID }?.matches.allSatisfy(\.evidence.isEmpty) == true)
            #expect(after.first { $0.alert.labels["instance"] == "db2" }?.matches == kept)
        }
    }
}
