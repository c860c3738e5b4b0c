import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

struct IngestEndpointTests {
    static let amPath = IngestURL.path(integration: "am", source: .alertmanager)

    @Test
    func alertmanagerAlertsBecomeIncidentsMatchedToTheirEntries() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            let payload = IngestPayload.alertmanager([
                ["alertname": "DiskUsageWarning", "app": "checkout-worker"],
                ["alertname": "PostgresReplicationLag", "instance": "db-2"],
            ])
            let response = try await fixture.withServer { client in
                try await client.post(Self.amPath, payload, headers: [.authorization: "Bearer \(secret)"])
            }
            #expect(response.status == .accepted)
            let body = try #require(response.ingested)
            #expect(body.accepted == 2)
            #expect(body.incidents.count == 2)
            var entries: [String: String?] = [:]
            for id in body.incidents {
                let detail = try await fixture.store.incident(id: id)
                #expect(detail.alerts.count == 1)
                for alert in detail.alerts {
                    entries[alert.alert.labels["alertname"] ?? ""] = alert.matches.first?.entry
                }
                #expect(detail.alerts.allSatisfy { $0.libraryRevision == fixture.library.current?.revision })
                let payloads = try await fixture.store.payloads(alertID: try #require(detail.alerts.first).id)
                #expect(payloads.count == 1)
            }
            #expect(entries["DiskUsageWarning"] == "oncall.md#diskusagewarning-checkout-worker")
            #expect(entries["PostgresReplicationLag"] == "alerts/PostgresReplicationLag.md#postgresreplicationlag")
            let first = try await fixture.store.incident(id: body.incidents[0])
            #expect(first.alerts.contains { $0.key == "DiskUsageWarning checkout-worker" })
        }
    }

    @Test
    func theSecretMayRideInTheQueryAndIsNeverLogged() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            let url = IngestURL.url(base: "", integration: "am", source: .alertmanager, token: secret)
            let response = try await fixture.withServer { client in
                try await client.post(url, IngestPayload.diskUsage)
            }
            #expect(response.status == .accepted)
            let lines = fixture.capture.lines
            #expect(lines.contains { $0.contains("token=[OMITTED]") })
            #expect(!lines.contains { $0.contains(secret) })
        }
    }

    @Test
    func aRefiringAlertJoinsItsIncidentAndResolvingItResolvesTheIncident() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            let labels = [["alertname": "DiskUsageWarning", "app": "checkout-worker"]]
            let headers: HTTPFields = [.authorization: "Bearer \(secret)"]
            let (first, second, resolved) = try await fixture.withServer { client in
                let first = try await client.post(Self.amPath, IngestPayload.alertmanager(labels), headers: headers)
                let second = try await client.post(Self.amPath, IngestPayload.alertmanager(labels), headers: headers)
                let resolved = try await client.post(
                    Self.amPath, IngestPayload.alertmanager(labels, status: "resolved"), headers: headers)
                return (first.ingested, second.ingested, resolved.ingested)
            }
            let id = try #require(first?.incidents.first)
            #expect(second?.incidents == [id])
            #expect(resolved?.incidents == [id])
            let detail = try await fixture.store.incident(id: id)
            #expect(detail.alerts.first?.fireCount == 2)
            #expect(detail.incident.state == .resolved)
        }
    }

    @Test
    func anIncidentIsStillThereAfterARestartOnTheSameDatabase() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-restart-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("runbook.sqlite").path

        let first = try SQLiteStore(path: path)
        let secret = try await first.addIntegration(name: "am", source: .alertmanager, at: IngestFixture.now).secret
        let accepted = try await TestServer.withLiveServer(
            dependencies: ServerDependencies(library: LibraryHolder(), store: first)
        ) { client in
            try await client.post(Self.amPath, IngestPayload.diskUsage, headers: [.authorization: "Bearer \(secret)"])
        }
        try await first.close()
        let id = try #require(accepted.ingested?.incidents.first)

        let second = try SQLiteStore(path: path)
        let (detail, refired) = try await TestServer.withLiveServer(
            dependencies: ServerDependencies(library: LibraryHolder(), store: second)
        ) { client in
            let detail = try await second.incident(id: id)
            let refired = try await client.post(
                Self.amPath, IngestPayload.diskUsage, headers: [.authorization: "Bearer \(secret)"])
            return (detail, refired.ingested)
        }
        try await second.close()
        #expect(detail.incident.state == .triggered)
        #expect(detail.alerts.first?.alert.labels["alertname"] == "DiskUsageWarning")
        #expect(refired?.incidents == [id])
    }

    @Test
    func ingestionUpdatesTheDomainMetrics() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            let metrics = try await fixture.withServer { client in
                _ = try await client.post(
                    Self.amPath, IngestPayload.diskUsage, headers: [.authorization: "Bearer \(secret)"])
                // The open incidents are counted when `/metrics` is read.
                return try await MetricsText.scrape(until: "runbook_incidents_open", is: 1) {
                    String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
                }
            }
            #expect(metrics.contains(#"runbook_alerts_received_total{source="alertmanager",status="firing"} 1"#))
            #expect(metrics.contains(#"runbook_matches_total{result="matched"} 1"#))
            #expect(metrics.contains("runbook_ingest_batch_size_count 1"))
            #expect(metrics.contains("runbook_incidents_open 1"))
        }
    }
}
