import Foundation
import RunbookCore
import Testing

@testable import RunbookStore

struct SQLiteHotPathTests {
    static let matchLists: [[Match]] = [
        [],
        [Match(entry: "services/db.md#replication-lag", title: "Replication lag", score: 0.8807970779778823,
               evidence: [
                   Evidence(term: "replication lag", alertField: "title", entryField: "title", weight: 2),
                   Evidence(term: "https://runbooks.example/db#lag", alertField: "runbook_url",
                            entryField: "anchor", weight: 10.25),
               ])],
        [Match(entry: "a.md#x", title: "Quote \" and \\ and\ttab", score: 1, evidence: []),
         Match(entry: "b.md#é", title: "中文 🙂 \u{1}", score: 1e-7,
               evidence: [Evidence(term: "x/y", alertField: "label.service", entryField: "text", weight: 0.1)])],
    ]

    @Test(arguments: matchLists)
    func matchesAreStoredAsJSONEncoderWritesThem(matches: [Match]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let expected = String(decoding: try encoder.encode(matches), as: UTF8.self)
        #expect(try SQLiteHotPath.json(matches) == expected)
    }

    @Test
    func labelsAreStoredAsJSONEncoderWritesThem() throws {
        let labels = ["alertname": "DiskFull", "path": "/var/lib", "Zone": "eu-1", "note": "a \"b\"\n"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(SQLiteHotPath.json(labels) == String(decoding: try encoder.encode(labels), as: UTF8.self))
    }

    /// An incident whose last sighting and counts alone moved is saved by the short `UPDATE`; any other change is not.
    @Test
    func onlyTheCountsAndLastSightingMovingIsTheShortUpdate() {
        let previous = Incident(
            id: 7, state: .triggered, key: "DiskFull", title: "DiskFull db1", source: .alertmanager,
            severity: "warning", groupKey: "disk", entryID: nil, score: nil, openedAt: Fixture.at(0),
            openedBy: "alertmanager", lastSeen: Fixture.at(0), alertCount: 1, firingCount: 1)
        var counted = previous
        counted.lastSeen = Fixture.at(5)
        counted.alertCount = 2
        counted.firingCount = 2
        #expect(SQLiteHotPath.onlyCountsMoved(from: previous, to: counted))
        #expect(SQLiteHotPath.onlyCountsMoved(from: previous, to: previous))
        let changes: [(inout Incident) -> Void] = [
            { $0.severity = "critical" }, { $0.title = "DiskFull db2" }, { $0.entryID = "ops.md#disk-full" },
            { $0.score = 0.9 }, { $0.key = "DiskFull db" }, { $0.state = .acknowledged },
            { $0.acknowledgedAt = Fixture.at(3) }, { $0.acknowledgedBy = "ana" }, { $0.resolvedBy = "ana" },
            { $0.resolvedAt = Fixture.at(4) },
        ]
        for change in changes {
            var changed = counted
            change(&changed)
            #expect(!SQLiteHotPath.onlyCountsMoved(from: previous, to: changed))
        }
    }

    /// Alerts joining one open incident: a sighting alone takes the short `UPDATE`, a higher severity the whole
    /// one; the incident read back has both.
    @Test
    func anIncidentJoinedByAlertsKeepsEveryChange() async throws {
        try await StoreKind.sqlite.withStore { store in
            _ = try await store.ingest(Fixture.request([Fixture.alert("Disk", instance: "a", group: "g")], at: 1))
            _ = try await store.ingest(Fixture.request([Fixture.alert("Disk", instance: "b", group: "g")], at: 2))
            _ = try await store.ingest(Fixture.request(
                [Fixture.alert("Disk", instance: "c", group: "g", severity: "critical")], at: 3))
            _ = try await store.ingest(Fixture.request([Fixture.alert("Disk", instance: "d", group: "g")], at: 4))
            let incidents = try await Fixture.allIncidents(store)
            #expect(incidents.count == 1)
            #expect(incidents.first?.alertCount == 4)
            #expect(incidents.first?.firingCount == 4)
            #expect(incidents.first?.severity == "critical")
            #expect(incidents.first?.lastSeen == Fixture.at(4))
        }
    }
}
