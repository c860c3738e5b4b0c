import Foundation
import HTTPTypes
import HummingbirdTesting
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// One incident per alert key: Alertmanager's `group_by` decides how alerts arrive, not what they are.
struct IngestGroupingTests {
    static let amPath = IngestURL.path(integration: "am", source: .alertmanager)
    /// `examples/alerts/alertmanager-disk.json`: DiskUsageWarning for two services, grouped by `alertname`.
    static let diskExample = URL(fileURLWithPath: IngestFixture.examplesFolder)
        .deletingLastPathComponent().appendingPathComponent("alerts/alertmanager-disk.json")

    @Test
    func aNotificationCarryingTwoServicesOpensTwoIncidentsEachMatchedToItsOwnEntry() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            let payload = try String(contentsOf: Self.diskExample, encoding: .utf8)
            let response = try await fixture.withServer { client in
                try await client.post(Self.amPath, payload, headers: [.authorization: "Bearer \(secret)"])
            }
            #expect(response.status == .accepted)
            let body = try #require(response.ingested)
            #expect(body.accepted == 2)
            #expect(body.incidents.count == 2)
            var byKey: [String: Incident] = [:]
            for id in body.incidents {
                let detail = try await fixture.store.incident(id: id)
                #expect(detail.alerts.count == 1)
                byKey[detail.incident.key] = detail.incident
            }
            let checkout = try #require(byKey["DiskUsageWarning checkout-worker"])
            let search = try #require(byKey["DiskUsageWarning search-indexer"])
            #expect(checkout.entryID == "oncall.md#diskusagewarning-checkout-worker")
            #expect(search.entryID == "oncall.md#diskusagewarning-search-indexer")
        }
    }

    @Test
    func twoAlertsOfOneKeyShareOneIncident() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            let payload = IngestPayload.alertmanager([
                ["alertname": "DiskUsageWarning", "app": "checkout-worker", "instance": "checkout-worker-1:9100"],
                ["alertname": "DiskUsageWarning", "app": "checkout-worker", "instance": "checkout-worker-2:9100"],
            ])
            let headers: HTTPFields = [.authorization: "Bearer \(secret)"]
            let (first, later) = try await fixture.withServer { client in
                let first = try await client.post(Self.amPath, payload, headers: headers)
                let later = try await client.post(Self.amPath, IngestPayload.alertmanager([
                    ["alertname": "DiskUsageWarning", "app": "checkout-worker", "instance": "checkout-worker-3:9100"],
                ]), headers: headers)
                return (first.ingested, later.ingested)
            }
            let id = try #require(first?.incidents.first)
            #expect(first?.incidents == [id])
            #expect(later?.incidents == [id])
            let detail = try await fixture.store.incident(id: id)
            #expect(detail.incident.alertCount == 3)
            #expect(detail.incident.key == "DiskUsageWarning checkout-worker")
        }
    }
}
