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
        #expect(try await store.writerTempStore() == 2)
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

    /// The loop checkpoints often while the WAL grows, so that it starts over before it outgrows its size limit,
    /// and waits longer once nothing is written.
    @Test
    func theLoopWaitsLongerOnlyWhenNothingWasWrittenSinceTheLastPass() {
        let (busy, idle) = (Duration.milliseconds(100), Duration.milliseconds(500))
        func wait(_ pass: (walFrames: Int, checkpointed: Int)?, before: Int) -> Duration {
            SQLiteCheckpointer.wait(after: pass, framesBefore: before, interval: busy, idleInterval: idle)
        }
        #expect(wait((walFrames: 120, checkpointed: 120), before: 120) == idle)
        // Frames written since the last pass, or the WAL started over: still busy.
        #expect(wait((walFrames: 180, checkpointed: 180), before: 120) == busy)
        #expect(wait((walFrames: 12, checkpointed: 12), before: 4_100) == busy)
        // Frames a reader's snapshot keeps from being copied, a first pass, a pass that failed.
        #expect(wait((walFrames: 120, checkpointed: 90), before: 120) == busy)
        #expect(wait((walFrames: 0, checkpointed: 0), before: -1) == busy)
        #expect(wait(nil, before: 120) == busy)
        #expect(SQLiteCheckpointer.interval < SQLiteCheckpointer.idleInterval)
    }

    /// Ingests `requests` requests of `alerts` new alerts each, `concurrency` at a time.
    static func ingest(_ store: SQLiteStore, requests: Range<Int>, alerts: Int = 20, concurrency: Int = 8) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for start in stride(from: requests.lowerBound, to: requests.upperBound, by: concurrency) {
                try Task.checkCancellation()
                for request in start..<min(start + concurrency, requests.upperBound) {
                    group.addTask {
                        let batch = (0..<alerts).map { Fixture.alert("DiskFull", instance: "r\(request)-\($0)", group: "disk") }
                        _ = try await store.ingest(Fixture.request(batch, at: Double(request), score: 0.9))
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    static func walSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
    }

    /// While writes keep coming, a passive checkpoint from its own connection leaves the WAL growing; one on the
    /// writer's queue reaches the WAL's end, and the WAL then starts over: the next checkpoint finds only the
    /// frames written since.
    @Test
    func aCheckpointOnTheWriterLetsTheWALStartOverWhileWritesContinue() async throws {
        let location = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let path = location.appendingPathComponent("runbook.sqlite").path
        let store = try SQLiteStore(path: path)
        let writing = Task { try await Self.ingest(store, requests: 0..<3_000) }
        // The passive checkpoints do not keep the WAL from growing (a condition, waited for; not a time).
        var grown = try await store.checkpointer.checkpoint()
        for _ in 0..<3_000 where grown.walFrames < 1_500 {
            try await Task.sleep(for: .milliseconds(10))
            grown = try await store.checkpointer.checkpoint()
        }
        try #require(grown.walFrames >= 1_500)
        let onWriter = try await store.checkpointer.checkpointOnWriter()
        #expect(onWriter.checkpointed == onWriter.walFrames)
        try await Self.ingest(store, requests: 10_000..<10_001)
        let after = try await store.checkpointer.checkpoint()
        // Compared with the WAL as it had grown: on a slow machine the store's own loop may have made the WAL start
        // over (from `restartFrames`) just before `onWriter`, which then found only a few frames.
        #expect(after.walFrames < grown.walFrames / 2, "\(after.walFrames) frames after, \(grown.walFrames) before")
        writing.cancel()
        _ = try? await writing.value
        try await store.close()
    }

    /// Under sustained concurrent ingest, the loop makes the WAL start over by itself (here from 64 frames, every
    /// 5 ms), and closing the store leaves an empty WAL with every alert in the database file.
    @Test
    func underSustainedIngestTheWALKeepsStartingOverAndCloseLeavesItEmpty() async throws {
        let location = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let path = location.appendingPathComponent("runbook.sqlite").path
        let store = try SQLiteStore(path: path)
        let checkpointer = try SQLiteCheckpointer(
            path: path, writer: store.pool, interval: .milliseconds(5), restartFrames: 64)
        var sent = 0
        // Ingest until the loop has made the WAL start over a few times (a condition, not a time: at most 4,000
        // requests).
        while checkpointer.restartCount < 3 && sent < 4_000 {
            try await Self.ingest(store, requests: sent..<(sent + 200))
            sent += 200
        }
        #expect(checkpointer.restartCount >= 3, "after \(sent) requests")
        try await checkpointer.stop()
        try await store.close()
        #expect(Self.walSize(path) == 0)

        let reopened = try SQLiteStore(path: path)
        let ids = try await Fixture.allIncidents(reopened).map(\.id)
        #expect(ids.count == 1)
        #expect(try await reopened.incident(id: try #require(ids.first)).alerts.count == sent * 20)
        try await reopened.close()
    }
}
