import Foundation
import GRDB
import Testing

@testable import RunbookStore

/// WAL checkpoints off the commit path: the writer never checkpoints, the checkpointer's connection does.
struct SQLiteCheckpointerTests {
    @Test
    func theWriterNeverCheckpointsAndTheCheckpointerCopiesEveryCommittedFrame() async throws {
        let location = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let path = location.appendingPathComponent("runbook.sqlite").path
        let store = try SQLiteStore(path: path)
        #expect(try await store.writerAutocheckpoint() == 0)
        #expect(try await store.durability().synchronous == 2)
        var incidentIDs: Set<Int64> = []
        for second in 0..<20 {
            let alerts = (0..<50).map { Fixture.alert("DiskFull", instance: "db\(second)-\($0)", group: "disk") }
            incidentIDs.formUnion(try await store.ingest(Fixture.request(alerts, at: Double(second), score: 0.9))
                .incidentIDs)
        }
        let pass = try await store.checkpointer.checkpoint()
        #expect(pass.walFrames > 0)
        #expect(pass.checkpointed == pass.walFrames)
        try await store.close()

        // What was committed is in the file, whichever connection checkpointed it.
        let reopened = try SQLiteStore(path: path)
        let id = try #require(incidentIDs.first)
        #expect(incidentIDs.count == 1)
        #expect(try await reopened.incident(id: id).alerts.count == 1_000)
        try await reopened.close()
    }
}
