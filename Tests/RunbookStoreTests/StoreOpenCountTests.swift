import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: the open-incident count behind the `runbook_incidents_open` gauge.
struct StoreOpenCountTests {
    @Test(arguments: StoreKind.allCases)
    func openIncidentsAreCountedTriggeredAndAcknowledgedAlike(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.openIncidentCount() == 0)
            var ids: [Int64] = []
            for index in 0..<5 {
                let alert = Fixture.alert("Load", instance: "host\(index)")
                ids += try await store.ingest(Fixture.request([alert], at: Double(index))).incidentIDs
            }
            #expect(Set(ids).count == 5)
            _ = try await store.resolve(incidentID: ids[0], by: "ana", at: Fixture.at(10))
            _ = try await store.resolve(incidentID: ids[3], by: "ana", at: Fixture.at(10))
            _ = try await store.acknowledge(incidentID: ids[1], by: "ana", at: Fixture.at(11))
            #expect(try await store.openIncidentCount() == 3)
        }
    }
}
