import Foundation
import RunbookCore
@testable import RunbookStore
import Testing

/// Contract: what was acknowledged is there after the store is closed and opened again.
struct StoreDurabilityTests {
    @Test(arguments: StoreKind.allCases)
    func dataSurvivesClosingAndReopening(kind: StoreKind) async throws {
        let location = try kind.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let first = try await kind.open(at: location)
        let id = try await first.ingest(Fixture.request([Fixture.alert("DiskFull")], score: 0.9)).incidentIDs[0]
        _ = try await first.acknowledge(incidentID: id, by: "ana", at: Fixture.at(5))
        let issued = try await first.addToken(name: "ana", role: .operator, at: Fixture.at(6))
        try await first.close()

        let second = try await kind.open(at: location)
        let detail = try await second.incident(id: id)
        #expect(detail.incident.state == .acknowledged)
        #expect(detail.incident.acknowledgedBy == "ana")
        #expect(detail.incident.entryID == "ops.md#disk-full")
        #expect(detail.alerts.first?.alert.labels["alertname"] == "DiskFull")
        #expect(try await second.token(presented: issued.secret)?.name == "ana")
        let again = try await second.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 10))
        #expect(again.incidentIDs == [id])
        try await second.close()
    }

    @Test
    func sqliteIsDurableInWALMode() async throws {
        let location = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let store = try SQLiteStore(path: location.appendingPathComponent("runbook.sqlite").path)
        let durability = try await store.durability()
        #expect(durability.synchronous == 2)
        #expect(durability.journalMode == "wal")
        try await store.close()
    }
}

/// Contract: the heartbeat probe writes and reads, and fails once the store is closed.
struct StoreProbeTests {
    @Test(arguments: StoreKind.allCases)
    func probeSucceedsOnAnOpenStoreAndFailsOnAClosedOne(kind: StoreKind) async throws {
        let location = try kind.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let store = try await kind.open(at: location)
        try await store.probe(at: Fixture.at(1))
        try await store.probe(at: Fixture.at(2))
        try await store.close()
        await #expect(throws: (any Error).self) { try await store.probe(at: Fixture.at(3)) }
    }

    /// On SQLite the probe fails as a full disk when the database's disk has less free space than the configured
    /// minimum, though its own small write would fit: here a minimum no disk has.
    @Test
    func sqliteProbeReportsTheDiskFullUnderTheMinimumFreeSpace() async throws {
        let location = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let path = location.appendingPathComponent("runbook.sqlite").path
        let free = try #require(SQLiteStore.freeBytes(in: location.path))
        #expect(free > 0)
        #expect(SQLiteStore.freeBytes(in: location.appendingPathComponent("missing").path) == nil)

        let roomy = try SQLiteStore(path: path, configuration: StoreConfiguration(minimumFreeDisk: 0))
        try await roomy.probe(at: Fixture.at(1))
        try await roomy.close()
        let cramped = try SQLiteStore(path: path, configuration: StoreConfiguration(minimumFreeDisk: free * 1_000))
        await #expect(throws: StoreUnavailable(.full)) { try await cramped.probe(at: Fixture.at(2)) }
        // The minimum bounds the heartbeat, not the writes: an ingest that fits still goes through.
        let stored = try await cramped.ingest(Fixture.request([Fixture.alert("DiskFull")], score: 0.9))
        #expect(stored.incidentIDs.count == 1)
        try await cramped.close()
    }
}
