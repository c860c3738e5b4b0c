import Foundation
import HTTPTypes
import Testing

@testable import RunbookServer

/// PagerDuty V3 webhooks on the generic endpoint, over HTTP: an incident's events are one alert, opened by the
/// trigger and resolved by the resolve event; an event about a service is accepted and stores nothing.
struct PagerDutyWebhookIngestTests {
    private static func event(_ type: String, status: String) -> String {
        """
        {"event": {"id": "01\(type.count)", "event_type": "\(type)", "resource_type": "incident",
         "occurred_at": "2026-05-04T08:01:00Z",
         "data": {"id": "Q9RDB77", "type": "incident", "status": "\(status)", "number": 77,
                  "html_url": "https://acme.pagerduty.com/incidents/Q9RDB77", "created_at": "2026-05-04T08:00:00Z",
                  "title": "DiskUsageWarning checkout-worker-3 93% full",
                  "service": {"id": "PSV1", "summary": "Checkout", "type": "service_reference"}}}}
        """
    }

    @Test
    func anIncidentsEventsAreOneAlertResolvedByTheResolveEvent() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("pd", source: .generic)
            let path = IngestURL.path(integration: "pd", source: .generic)
            let headers: HTTPFields = [.authorization: "Bearer \(secret)"]
            let statuses = try await fixture.withServer { client in
                var statuses: [HTTPResponse.Status] = []
                for (type, status) in [("incident.triggered", "triggered"), ("incident.acknowledged", "acknowledged"),
                                       ("incident.resolved", "resolved")] {
                    let response = try await client.post(path, Self.event(type, status: status), headers: headers)
                    statuses.append(response.status)
                }
                let service = #"{"event": {"event_type": "service.updated", "data": {"type": "service"}}}"#
                statuses.append(try await client.post(path, service, headers: headers).status)
                return statuses
            }
            #expect(statuses == [.accepted, .accepted, .accepted, .accepted])
            let contents = try await fixture.contents()
            #expect(contents.requests == 3)
            let incident = try #require(contents.incidents.first)
            #expect(contents.incidents.count == 1)
            #expect(incident.alerts.count == 1)
            let alert = try #require(incident.alerts.first)
            #expect(alert.alert.dedupKey == "pagerduty:Q9RDB77")
            #expect(alert.alert.labels["pagerduty_service"] == "Checkout")
            #expect(alert.resolvedAt != nil)
            #expect(alert.fireCount >= 1)
        }
    }
}
