import Foundation
import RunbookCore
import RunbookStore

/// A data folder whose database has incidents with deliveries in every state the CLI shows, written through the
/// store's own contract (a planner that sends every opened incident to one channel).
struct OutboxFixture {
    /// Plans one triggered delivery on channel `ops` for every opened incident, and nothing else.
    struct OneChannelPlanner: DeliveryPlanning {
        func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
            guard change.kind == .opened else { return .none }
            return NotificationPlan(deliveries: [
                PlannedDelivery(route: "default", channel: "ops", kind: .triggered, dueAt: change.at),
            ])
        }
    }

    let data: String
    /// Incidents by alert name.
    var incidents: [String: Int64] = [:]

    var databasePath: String { data + "/runbook.sqlite" }

    /// A fresh folder, deleted after `body`.
    static func withDataFolder(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.path)
    }

    /// The store over the folder's database, with the one-channel planner.
    func open() throws -> SQLiteStore {
        try SQLiteStore(path: databasePath, configuration: StoreConfiguration(planner: OneChannelPlanner()))
    }

    /// Opens one incident per name, each with a pending delivery; the ones in `dead` are then tried once and
    /// given up.
    static func make(in data: String, names: [String], dead: Set<String>) async throws -> OutboxFixture {
        var fixture = OutboxFixture(data: data)
        let store = try fixture.open()
        let start = Date().addingTimeInterval(-600)
        for name in names {
            let alert = Alert(source: .generic, labels: ["alertname": name], title: name, dedupKey: name)
            let result = try await store.ingest(IngestRequest(
                source: .generic, receivedAt: start, payload: Data("{}".utf8),
                alerts: [IngestAlert(alert: alert, key: name)]
            ))
            fixture.incidents[name] = result.incidentIDs.first
        }
        let claimed = try await store.claimDeliveries(limit: 100, now: start.addingTimeInterval(1), lease: 60)
        for delivery in claimed {
            let name = fixture.incidents.first { $0.value == delivery.incidentID }?.key ?? ""
            guard dead.contains(name) else { continue }
            let attempt = DeliveryAttempt(
                deliveryID: delivery.id, at: start.addingTimeInterval(2), status: 410, error: "HTTP 410 Gone",
                duration: 0.01
            )
            try await store.markFailed(id: delivery.id, attempt: attempt, retryAt: nil)
        }
        try await store.close()
        return fixture
    }
}
