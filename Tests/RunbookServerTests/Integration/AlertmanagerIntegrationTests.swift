import AsyncHTTPClient
import Foundation
import NIOCore
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// Runbook behind a real Prometheus Alertmanager: alerts posted to Alertmanager's API arrive through its webhook
/// receiver as incidents matched to the example library's entries, and resolving them resolves the incidents.
struct AlertmanagerIntegrationTests {
    /// Label sets and the example entry each must be matched to.
    static let expected = [
        "DiskUsageWarning": ("checkout-worker", "oncall.md#diskusagewarning-checkout-worker"),
        "PostgresReplicationLag": ("orders-db", "alerts/PostgresReplicationLag.md#postgresreplicationlag"),
    ]

    @Test(.enabled(
        if: AlertmanagerProcess.installed || AlertmanagerProcess.required,
        "prometheus-alertmanager is not installed; scripts/test installs it (and in CI its absence fails)"))
    func alertsPostedToAlertmanagerBecomeMatchedIncidentsAndResolveWithIt() async throws {
        try #require(AlertmanagerProcess.installed, "CI is set but \(AlertmanagerProcess.binary) is missing")
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            try await TestServer.withLiveServer(dependencies: fixture.dependencies(now: { Date() })) { client in
                let port = try #require(client.port)
                let webhook = "http://127.0.0.1:\(port)" + IngestURL.path(integration: "am", source: .alertmanager)
                let alertmanager = try await AlertmanagerProcess(
                    webhookURL: webhook, token: secret, folder: fixture.folder)
                do {
                    try await Self.exercise(alertmanager, store: fixture.store)
                    alertmanager.stop()
                } catch {
                    alertmanager.stop()
                    Issue.record("Alertmanager log:\n\(alertmanager.log.suffix(4000))")
                    throw error
                }
            }
        }
    }

    private static func exercise(_ alertmanager: AlertmanagerProcess, store: SQLiteStore) async throws {
        _ = try await poll("Alertmanager to be ready") {
            guard alertmanager.isRunning else { throw AlertmanagerFailure("Alertmanager exited") }
            let ready = (try? await status(of: "\(alertmanager.baseURL)/-/ready")) == 200
            return ready ? true : nil
        }
        try await postAlerts(to: alertmanager, resolved: false)
        let firing = try await poll("both incidents to open") {
            let incidents = try await allIncidents(store)
            return incidents.count == expected.count ? incidents : nil
        }
        for incident in firing {
            let detail = try await store.incident(id: incident.id)
            let alert = try #require(detail.alerts.first)
            let name = try #require(alert.alert.labels["alertname"])
            #expect(alert.matches.first?.entry == expected[name]?.1, "\(name)")
            #expect(incident.entryID == expected[name]?.1, "\(name)")
            #expect(incident.state == .triggered)
        }
        try await postAlerts(to: alertmanager, resolved: true)
        let resolved = try await poll("both incidents to resolve") {
            let incidents = try await allIncidents(store)
            return incidents.allSatisfy { $0.state == .resolved } ? incidents : nil
        }
        #expect(Set(resolved.map(\.id)) == Set(firing.map(\.id)))
    }

    /// Posts the expected alerts to Alertmanager's v2 API, firing or with `endsAt` in the past.
    private static func postAlerts(to alertmanager: AlertmanagerProcess, resolved: Bool) async throws {
        let formatter = ISO8601DateFormatter()
        let now = Date()
        let alerts = expected.map { name, value -> [String: Any] in
            var alert: [String: Any] = [
                "labels": ["alertname": name, "app": value.0, "severity": "warning"],
                "annotations": ["summary": "\(name) posted by the integration test"],
                "startsAt": formatter.string(from: now.addingTimeInterval(-120)),
                "generatorURL": "http://prometheus.test/graph",
            ]
            if resolved {
                alert["endsAt"] = formatter.string(from: now.addingTimeInterval(-1))
            }
            return alert
        }
        var request = HTTPClientRequest(url: "\(alertmanager.baseURL)/api/v2/alerts")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: alerts)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 200)
    }

    private static func status(of url: String) async throws -> UInt {
        try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(2)).status.code
    }

    private static func allIncidents(_ store: SQLiteStore) async throws -> [Incident] {
        try await store.incidents(matching: IncidentQuery(limit: 100)).incidents
    }

    /// Calls `attempt` until it returns a value, for at most 60 seconds.
    private static func poll<Value>(
        _ what: String, _ attempt: () async throws -> Value?
    ) async throws -> Value {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let value = try await attempt() { return value }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw AlertmanagerFailure("timed out after 60 s waiting for \(what)")
    }
}

/// The integration test gave up.
struct AlertmanagerFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
