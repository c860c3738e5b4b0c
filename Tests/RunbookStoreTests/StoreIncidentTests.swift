import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: listing, paging and filtering incidents, and the operator's actions on them.
struct StoreIncidentTests {
    @Test(arguments: StoreKind.allCases)
    func openIncidentsComeFirstThenNewest(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var ids: [Int64] = []
            for index in 0..<5 {
                let alert = Fixture.alert("Load", instance: "host\(index)")
                ids += try await store.ingest(Fixture.request([alert], at: Double(index))).incidentIDs
            }
            _ = try await store.resolve(incidentID: ids[4], by: "ana", at: Fixture.at(10))
            _ = try await store.resolve(incidentID: ids[1], by: "ana", at: Fixture.at(10))
            let listed = try await Fixture.allIncidents(store, query: IncidentQuery(limit: 2)).map(\.id)
            #expect(listed == [ids[3], ids[2], ids[0], ids[4], ids[1]])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pagesFollowTheCursorWithoutGapsOrRepeats(kind: StoreKind) async throws {
        try await kind.withStore { store in
            for index in 0..<7 {
                // Two incidents per second: the cursor must break ties on the id.
                let alert = Fixture.alert("Load", instance: "host\(index)")
                _ = try await store.ingest(Fixture.request([alert], at: Double(index / 2)))
            }
            let first = try await store.incidents(matching: IncidentQuery(limit: 3))
            #expect(first.incidents.count == 3)
            let all = try await Fixture.allIncidents(store, query: IncidentQuery(limit: 3))
            #expect(all.count == 7)
            #expect(Set(all.map(\.id)).count == 7)
            #expect(all.map(\.id) == all.map(\.id).sorted(by: >))
            let last = try await store.incidents(matching: IncidentQuery(limit: 7))
            #expect(last.nextCursor == nil)
        }
    }

    @Test(arguments: StoreKind.allCases, ["garbage", "", "Zm9vOmJhcg"])
    func aForeignCursorIsRefused(kind: StoreKind, cursor: String) async throws {
        try await kind.withStore { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.incidents(matching: IncidentQuery(cursor: cursor))
            }
            #expect(error?.isInvalid == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func filtersNarrowTheList(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let disk = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], score: 0.9)).incidentIDs[0]
            let cpu = try await store.ingest(Fixture.request([Fixture.alert("CPUHigh", instance: "web1")], at: 100))
                .incidentIDs[0]
            let sentry = try await store.ingest(Fixture.request(
                [Fixture.alert("Crash", instance: "app", source: .sentry)], at: 200)).incidentIDs[0]
            _ = try await store.acknowledge(incidentID: cpu, by: "ana", at: Fixture.at(300))
            let cases: [(IncidentQuery, [Int64])] = [
                (IncidentQuery(states: [.acknowledged]), [cpu]),
                (IncidentQuery(states: [.triggered, .acknowledged]), [sentry, cpu, disk]),
                (IncidentQuery(source: .sentry), [sentry]),
                (IncidentQuery(entryID: "ops.md#disk-full"), [disk]),
                (IncidentQuery(labels: ["instance": "web1"]), [cpu]),
                (IncidentQuery(labels: ["instance": "web1", "alertname": "DiskFull"]), []),
                (IncidentQuery(openedFrom: Fixture.at(100)), [sentry, cpu]),
                (IncidentQuery(openedFrom: Fixture.at(50), openedBefore: Fixture.at(200)), [cpu]),
            ]
            for (query, expected) in cases {
                #expect(try await Fixture.allIncidents(store, query: query).map(\.id) == expected, "\(query)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func operatorActionsRecordWhoDidThem(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let acknowledged = try await store.acknowledge(incidentID: id, by: "ana", at: Fixture.at(1))
            #expect(acknowledged.state == .acknowledged)
            #expect(acknowledged.acknowledgedBy == "ana")
            let note = try await store.addNote(incidentID: id, text: "Cleaning /var/log", by: "ana", at: Fixture.at(2))
            #expect(note.id != nil)
            #expect(note.detail == "Cleaning /var/log")
            let resolved = try await store.resolve(incidentID: id, by: "bo", at: Fixture.at(3))
            #expect(resolved.resolvedBy == "bo")
            let reopened = try await store.reopen(incidentID: id, by: "cy", at: Fixture.at(4))
            #expect(reopened.state == .triggered)
            let timeline = try await store.incident(id: id).timeline
            #expect(timeline.map(\.kind) == [.alertFired, .acknowledged, .note, .resolved, .reopened])
            #expect(timeline.dropFirst().map(\.actor) == ["ana", "ana", "bo", "cy"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func refusedActionsSayWhy(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            _ = try await store.resolve(incidentID: id, by: "ana", at: Fixture.at(1))
            let resolvedError = await #expect(throws: StoreError.self) {
                try await store.acknowledge(incidentID: id, by: "ana", at: Fixture.at(2))
            }
            #expect(resolvedError?.isConflict == true)
            let emptyNoteError = await #expect(throws: StoreError.self) {
                try await store.addNote(incidentID: id, text: "  ", by: "ana", at: Fixture.at(2))
            }
            #expect(emptyNoteError?.isInvalid == true)
            let unknownGetError = await #expect(throws: StoreError.self) {
                try await store.incident(id: id + 100)
            }
            #expect(unknownGetError?.isNotFound == true)
            let unknownResolveError = await #expect(throws: StoreError.self) {
                try await store.resolve(incidentID: id + 100, by: "ana", at: Fixture.at(2))
            }
            #expect(unknownResolveError?.isNotFound == true)
        }
    }
}
