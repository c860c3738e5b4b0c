import Foundation
import Testing

@testable import RunbookCore

/// PagerDuty V3 webhooks posted to the generic endpoint: the incident becomes the alert, its events one alert.
struct PagerDutyWebhookTests {
    private func decode(_ body: String) throws -> Alert {
        let alerts = try AlertDecoder.decode(Data(body.utf8), format: .generic,
                                             receivedAt: Date(timeIntervalSince1970: 0))
        return try #require(alerts.first)
    }

    /// A V3 incident event as PagerDuty sends it (`type` is the event type, `status` the incident's status).
    private func incident(_ type: String, status: String = "triggered", title: String = "Disk full on db-4") -> String {
        """
        {"event": {"id": "01DEN3T4XYZ", "event_type": "\(type)", "resource_type": "incident",
         "occurred_at": "2026-05-04T08:01:00Z",
         "agent": {"id": "PAG3NT1", "summary": "Ana Lima", "type": "user_reference"}, "client": null,
         "data": {"id": "Q1W2E3R4T5", "type": "incident", "self": "https://api.pagerduty.com/incidents/Q1W2E3R4T5",
          "html_url": "https://acme.pagerduty.com/incidents/Q1W2E3R4T5", "number": 4242, "status": "\(status)",
          "incident_key": "c0ffee", "created_at": "2026-05-04T08:00:00Z", "title": "\(title)",
          "service": {"id": "PSV1C3X", "summary": "Orders database", "type": "service_reference"},
          "assignees": [{"id": "PUS3RX1", "summary": "Ana Lima", "type": "user_reference"}],
          "escalation_policy": {"id": "PESC4L1", "summary": "Storage on-call", "type": "escalation_policy_reference"},
          "teams": [{"id": "PT3AM01", "summary": "Data platform", "type": "team_reference"}],
          "priority": {"id": "PPR1OR1", "summary": "P2", "type": "priority_reference"}, "urgency": "high",
          "body": {"type": "incident_body", "details": "Free space under 3% on /var/lib/postgresql"}}}}
        """
    }

    @Test func aTriggeredIncidentIsAFiringAlertWithTheIncidentsWords() throws {
        #expect(AlertDecoder.detect(Data(incident("incident.triggered").utf8)) == .generic)
        let alert = try decode(incident("incident.triggered"))
        #expect(alert.source == .generic)
        #expect(alert.status == .firing)
        #expect(alert.title == "Disk full on db-4")
        #expect(alert.dedupKey == "pagerduty:Q1W2E3R4T5")
        #expect(alert.url == "https://acme.pagerduty.com/incidents/Q1W2E3R4T5")
        #expect(alert.startsAt == Timestamp.parse("2026-05-04T08:00:00Z"))
        #expect(alert.severity == "p2")
        #expect(alert.labels["pagerduty_service"] == "Orders database")
        #expect(alert.labels["escalation_policy"] == "Storage on-call")
        #expect(alert.labels["teams"] == "Data platform")
        #expect(alert.labels["urgency"] == "high")
        #expect(alert.annotations["description"] == "Free space under 3% on /var/lib/postgresql")
        for words in ["Disk full on db-4", "Orders database", "Storage on-call", "Data platform", "Free space"] {
            #expect(alert.text.contains(words))
        }
        // Ids, API links, object types and people's names say nothing about the problem.
        for noise in ["Q1W2E3R4T5", "PSV1C3X", "api.pagerduty.com", "service_reference", "Ana Lima", "c0ffee"] {
            #expect(!alert.text.contains(noise), "\(noise) in the text")
        }
        #expect(AlertKey.key(for: alert) == "Disk full on db")
    }

    @Test func everyEventOfAnIncidentIsOneAlertResolvedOnlyByTheResolveEvent() throws {
        let triggered = try decode(incident("incident.triggered"))
        let acknowledged = try decode(incident("incident.acknowledged", status: "acknowledged"))
        let resolved = try decode(incident("incident.resolved", status: "resolved"))
        let reopened = try decode(incident("incident.reopened", status: "resolved"))
        let noteOnResolved = try decode(incident("incident.priority_updated", status: "resolved"))
        #expect(Set([triggered, acknowledged, resolved, reopened].map(\.dedupKey)).count == 1)
        #expect(acknowledged.status == .firing)
        #expect(resolved.status == .resolved)
        #expect(resolved.endsAt != nil)
        #expect(reopened.status == .firing)
        #expect(noteOnResolved.status == .resolved)
    }

    @Test func anEventAboutANoteNamesTheIncidentByItsReference() throws {
        let json = """
            {"event": {"id": "01NOTE", "event_type": "incident.annotated", "occurred_at": "2026-05-04T08:05:00Z",
             "data": {"incident": {"id": "Q1W2E3R4T5", "type": "incident_reference",
                                   "summary": "[#4242] Disk full on db-4",
                                   "html_url": "https://acme.pagerduty.com/incidents/Q1W2E3R4T5"},
                      "id": "PN0TE01", "type": "incident_note", "content": "WAL archiving is stuck, see #db-ops"}}}
            """
        let alert = try decode(json)
        #expect(alert.title == "Disk full on db-4")
        #expect(alert.dedupKey == "pagerduty:Q1W2E3R4T5")
        #expect(alert.status == .firing)
        #expect(alert.text.contains("WAL archiving is stuck"))
        #expect(alert.startsAt == Timestamp.parse("2026-05-04T08:05:00Z"))
        #expect(alert.url == "https://acme.pagerduty.com/incidents/Q1W2E3R4T5")
    }

    @Test(arguments: [
        (#"{"event": {"event_type": "incident.triggered", "data": null}}"#, "event.data"),
        (#"{"event": {"event_type": "incident.triggered", "data": {"id": "Q1", "type": "incident"}}}"#,
         "event.data.title"),
        (#"{"event": {"event_type": "incident.triggered", "data": {"type": "incident", "title": "x"}}}"#,
         "event.data.id"),
        (#"{"event": {"event_type": "incident.triggered", "data": {"id": 1, "type": "incident", "title": 7}}}"#,
         "event.data.title"),
        (#"{"event": {"event_type": "incident.annotated", "data": {"incident": "Q1", "type": "incident_note"}}}"#,
         "event.data.incident"),
    ])
    func aMalformedWebhookIsRefusedNamingTheField(body: String, field: String) {
        #expect {
            _ = try decode(body)
        } throws: { error in
            (error as? AlertDecodingError)?.field == field
        }
    }

    @Test func anEventAboutAServiceIsNoAlert() throws {
        let body = #"{"event": {"event_type": "service.updated", "data": {"id": "PSV1", "type": "service"}}}"#
        #expect(try AlertDecoder.decode(Data(body.utf8), format: .auto, receivedAt: Date()).isEmpty)
        #expect(try AlertDecoder.decode(Data(body.utf8), format: .generic, receivedAt: Date()).isEmpty)
    }

    @Test func aNumberedTitleLosesOnlyItsNumber() {
        #expect(PagerDutyWebhookDecoder.withoutNumber("[#12] Disk full") == "Disk full")
        #expect(PagerDutyWebhookDecoder.withoutNumber("[#ops] Disk full") == "[#ops] Disk full")
        #expect(PagerDutyWebhookDecoder.withoutNumber("Disk full [#12]") == "Disk full [#12]")
    }
}
