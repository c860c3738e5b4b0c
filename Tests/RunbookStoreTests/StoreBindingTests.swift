import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: operators' bindings of alert keys to entries.
struct StoreBindingTests {
    @Test(arguments: StoreKind.allCases)
    func aBindingSurvivesARestartOnTheSameData(kind: StoreKind) async throws {
        let location = try kind.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let first = try await kind.open(at: location)
        let id = try await first.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
        let chosen = try await first.chooseEntry(
            incidentID: id, entryID: "ops.md#disk", note: "  the real one  ", by: "ana", at: Fixture.at(5))
        #expect(chosen.incident.entryID == "ops.md#disk")
        #expect(chosen.binding.note == "the real one")
        try await first.close()

        let second = try await kind.open(at: location)
        let bindings = try await second.bindings()
        #expect(bindings == [Binding(key: "DiskFull", entryID: "ops.md#disk", note: "the real one", createdBy: "ana",
                                     createdAt: Fixture.at(5))])
        #expect(try await second.bindings(forKeys: ["DiskFull", "Other"]).keys.sorted() == ["DiskFull"])
        let detail = try await second.incident(id: id)
        #expect(detail.timeline.last?.kind == .entryChosen)
        #expect(detail.timeline.last?.actor == "ana")
        try await second.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aNewChoiceReplacesTheBindingAndRemovingItIsSeenAtOnce(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            _ = try await store.chooseEntry(incidentID: id, entryID: "ops.md#disk", note: nil, by: "ana",
                                            at: Fixture.at(1))
            #expect(try await store.bindings(forKeys: ["DiskFull"])["DiskFull"]?.entryID == "ops.md#disk")
            let none = try await store.chooseEntry(incidentID: id, entryID: nil, note: nil, by: "bo", at: Fixture.at(2))
            #expect(none.incident.entryID == nil)
            #expect(none.incident.score == nil)
            let replaced = try await store.bindings(forKeys: ["DiskFull"])["DiskFull"]
            #expect(replaced?.entryID == nil)
            #expect(replaced?.createdBy == "bo")
            try await store.removeBinding(key: "DiskFull")
            #expect(try await store.bindings(forKeys: ["DiskFull"]).isEmpty)
            await #expect(throws: StoreError.self) { try await store.removeBinding(key: "DiskFull") }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func choosingForAnUnknownIncidentIsNotFound(kind: StoreKind) async throws {
        try await kind.withStore { store in
            await #expect(throws: StoreError.notFound("no incident 42")) {
                _ = try await store.chooseEntry(incidentID: 42, entryID: nil, note: nil, by: "ana", at: Fixture.at(0))
            }
            let bindings = try await store.bindings()
            #expect(bindings.isEmpty)
        }
    }
}
