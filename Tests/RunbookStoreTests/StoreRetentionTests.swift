import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: retraction purges data but keeps an audit event; coverage; pruning keeps open incidents.
struct StoreRetentionTests {
    @Test(arguments: StoreKind.allCases)
    func retractingAnAlertPurgesItAndKeepsAnAuditEvent(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let leaky = Fixture.alert("Leak", instance: "password=hunter2", group: "leak")
            let kept = Fixture.alert("Leak", instance: "db2", group: "leak")
            let id = try await store.ingest(Fixture.request([leaky, kept], score: 0.9)).incidentIDs[0]
            let alerts = try await store.incident(id: id).alerts
            let leakyID = try #require(alerts.first { $0.alert.dedupKey == leaky.dedupKey }?.id)
            let keptID = try #require(alerts.first { $0.alert.dedupKey == kept.dedupKey }?.id)
            try await store.retractAlert(id: leakyID, by: "root", reason: "secret in a label", at: Fixture.at(9))

            let detail = try await store.incident(id: id)
            let purged = try #require(detail.alerts.first { $0.id == leakyID })
            #expect(purged.alert.labels.isEmpty)
            #expect(purged.alert.annotations.isEmpty)
            #expect(!purged.alert.title.contains("hunter2"))
            #expect(purged.retractedBy == "root")
            #expect(purged.retractedAt == Fixture.at(9))
            #expect(purged.matches.allSatisfy { $0.evidence.isEmpty })
            #expect(detail.alerts.first { $0.id == keptID }?.alert.labels["instance"] == "db2")
            #expect(try await store.payloads(alertID: leakyID).isEmpty)
            let audit = try #require(detail.timeline.last)
            #expect(audit.kind == .retracted)
            #expect(audit.actor == "root")
            #expect(audit.detail == "secret in a label")
            #expect(!detail.timeline.contains { ($0.detail ?? "").contains("hunter2") })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func retractingAnIncidentPurgesAllItsAlerts(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let id = try await store.ingest(Fixture.request([
                Fixture.alert("Test", instance: "a", group: "t"), Fixture.alert("Test", instance: "b", group: "t"),
            ])).incidentIDs[0]
            try await store.retractIncident(id: id, by: "root", reason: "test alert in production", at: Fixture.at(5))
            let detail = try await store.incident(id: id)
            #expect(detail.alerts.allSatisfy { $0.alert.labels.isEmpty && $0.retractedAt != nil })
            #expect(detail.incident.title == "[retracted]")
            #expect(detail.timeline.last?.kind == .retracted)
            for alert in detail.alerts {
                #expect(try await store.payloads(alertID: alert.id).isEmpty)
            }
            let missing = await #expect(throws: StoreError.self) {
                try await store.retractAlert(id: 999, by: "root", reason: "x", at: Fixture.at(6))
            }
            #expect(missing?.isNotFound == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func coverageListsKeysWithoutAConfidentEntry(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest(Fixture.request([Fixture.alert("Weird", instance: "a")], at: 1, score: 0.2))
            _ = try await store.ingest(Fixture.request([Fixture.alert("Weird", instance: "a")], at: 2, score: 0.3))
            _ = try await store.ingest(Fixture.request([Fixture.alert("Weird", instance: "b")], at: 3, score: 0.3))
            _ = try await store.ingest(Fixture.request([Fixture.alert("Unknown")], at: 4))
            _ = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 5, score: 0.9))
            let items = try await store.coverage(threshold: 0.5, limit: 10)
            #expect(items.map(\.key) == ["Weird", "Unknown"])
            let weird = try #require(items.first)
            #expect(weird.count == 3)
            #expect(weird.alerts == 2)
            #expect(weird.firstSeen == Fixture.at(1))
            #expect(weird.lastSeen == Fixture.at(3))
            #expect(weird.candidates.first?.score == 0.3)
            #expect(items.last?.candidates.isEmpty == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pruneDeletesOldResolvedIncidentsAndKeepsOpenOnes(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let old = try await store.ingest(Fixture.request([Fixture.alert("Old")], at: 0)).incidentIDs[0]
            let open = try await store.ingest(Fixture.request([Fixture.alert("Open")], at: 0)).incidentIDs[0]
            let recent = try await store.ingest(Fixture.request([Fixture.alert("Recent")], at: 0)).incidentIDs[0]
            _ = try await store.resolve(incidentID: old, by: "ana", at: Fixture.at(100))
            _ = try await store.resolve(incidentID: recent, by: "ana", at: Fixture.at(1000))
            let openAlert = try #require(try await store.incident(id: open).alerts.first?.id)

            let result = try await store.prune(olderThan: Fixture.at(500))
            #expect(result == PruneResult(incidents: 1, alerts: 1, payloads: 1))
            #expect(try await Fixture.allIncidents(store).map(\.id).sorted() == [open, recent])
            let gone = await #expect(throws: StoreError.self) { try await store.incident(id: old) }
            #expect(gone?.isNotFound == true)
            #expect(try await store.payloads(alertID: openAlert).count == 1)
            #expect(try await store.prune(olderThan: Fixture.at(500)) == PruneResult(incidents: 0, alerts: 0,
                                                                                    payloads: 0))
        }
    }
}
