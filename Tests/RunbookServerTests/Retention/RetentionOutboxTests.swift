import Foundation
import Logging
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// The retention job prunes the outbox too: sent deliveries older than the age go, pending ones stay.
struct RetentionOutboxTests {
    /// Plans one triggered delivery to `ops` for every opened incident.
    private struct OpsPlanner: DeliveryPlanning {
        func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
            guard change.kind == .opened else { return .none }
            return NotificationPlan(deliveries: [
                PlannedDelivery(route: "default", channel: "ops", kind: .triggered, dueAt: change.at)
            ])
        }
    }

    @Test
    func pruningAlsoDeletesOldSentDeliveries() async throws {
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-ret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(
            path: folder.appendingPathComponent("runbook.sqlite").path,
            configuration: StoreConfiguration(planner: OpsPlanner()))
        for (name, daysAgo) in [("Old", 100.0), ("New", 1.0)] {
            let alert = Alert(source: .generic, labels: ["alertname": name], title: name, dedupKey: name)
            let at = now.addingTimeInterval(-daysAgo * 86_400)
            let item = IngestAlert(alert: alert, key: name)
            _ = try await store.ingest(
                IngestRequest(source: .generic, receivedAt: at, payload: Data("{}".utf8), alerts: [item]))
        }
        let then = now.addingTimeInterval(-99 * 86_400)
        let old = try #require(try await store.claimDeliveries(limit: 1, now: then, lease: 30).first)
        let attempt = DeliveryAttempt(deliveryID: old.id, at: then, status: 200, duration: 0.1)
        try await store.markDelivered(id: old.id, attempt: attempt, reference: nil)
        let capture = LogCapture()
        let service = RetentionService(
            store: store, age: .seconds(90 * 86_400), interval: .seconds(86_400), clock: ManualClock(),
            logger: capture.logger(), now: { now }
        )
        try await service.prune()
        let left = try await store.deliveries(matching: DeliveryQuery())
        #expect(left.map(\.state) == [.pending])
        let line = try #require(capture.objects.first { $0["type"] as? String == "retention.pruned" })
        let fields = try #require(line["fields"] as? [String: Any])
        #expect(fields["retention.deliveries"].map { "\($0)" } == "1")
        try await store.close()
    }
}
