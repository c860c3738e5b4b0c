import Foundation
import RunbookCore
import RunbookStore

/// A real SQLite store in a temp folder, with `AllRoutePlanner`, and alerts to feed it.
enum SQLiteFixture {
    /// Runs `body` on a fresh store, then closes it and deletes its folder.
    static func withStore<T>(
        planner: AllRoutePlanner = AllRoutePlanner(), _ body: (SQLiteStore) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("runbook-notify-tests", isDirectory: true)
            .appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("runbook.sqlite").path,
                                    configuration: StoreConfiguration(planner: planner))
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// An Alertmanager-like alert about `service`, matched to the test library's queue entry.
    static func request(service: String = "billing-worker", at: Date, labels extra: [String: String] = [:])
        -> IngestRequest
    {
        var labels = ["alertname": "QueueBacklogHigh", "service": service, "namespace": "payments",
                      "severity": "critical"]
        labels.merge(extra) { _, new in new }
        let alert = Alert(source: .alertmanager, labels: labels, title: "Queue backlog high on \(service)",
                          dedupKey: "QueueBacklogHigh/\(service)", severity: "critical")
        return IngestRequest(source: .alertmanager, integration: "am", receivedAt: at,
                             contentType: "application/json", payload: Data("{}".utf8),
                             alerts: [TestLibrary.standard.ingestAlert(for: alert)])
    }
}
