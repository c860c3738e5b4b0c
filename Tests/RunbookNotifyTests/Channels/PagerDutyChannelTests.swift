import AsyncHTTPClient
import Foundation
import RecordingReceiver
import RunbookCore
import Testing

@testable import RunbookNotify

struct PagerDutyChannelTests {
    private func channel(_ receiver: RecordingReceiver) -> PagerDutyChannel {
        let pagerDuty = PagerDutySettings(routingKey: "R0UTINGKEY", eventsURL: receiver.url("/v2/enqueue"))
        return PagerDutyChannel(settings: ChannelSettings(name: "pd", kind: .pagerDuty(pagerDuty)),
                                pagerDuty: pagerDuty, client: HTTPClient.shared)
    }

    @Test func triggerCarriesDedupKeyPayloadAndLinks() async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.body(status: 202, contentType: "application/json", text: #"{"status":"success"}"#))
            let receipt = try await channel(receiver).send(MessageFixtures.message()).get()
            #expect(receipt.status == 202)
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            #expect(request.header("Idempotency-Key") == "runbook-delivery-7")
            let json = try #require(request.jsonObject())
            #expect(json["routing_key"] as? String == "R0UTINGKEY")
            #expect(json["event_action"] as? String == "trigger")
            #expect(json["dedup_key"] as? String == "runbook-incident-42")
            let payload = try #require(json["payload"] as? [String: Any])
            #expect(payload["summary"] as? String
                == "QueueBacklogHigh billing-worker: Queue backlog above 10k for billing-worker")
            #expect(payload["severity"] as? String == "critical")
            #expect(payload["source"] as? String == "worker-3:9100")
            let details = try #require(payload["custom_details"] as? [String: Any])
            #expect((details["labels"] as? [String: String])?["alertname"] == "QueueBacklogHigh")
            #expect((details["entry"] as? [String: Any])?["title"] as? String == "QueueBacklogHigh")
            let links = try #require(json["links"] as? [[String: Any]])
            #expect(links.map { $0["href"] as? String } == [
                "https://runbook.example.test/runbooks/queues.md#queuebackloghigh",
                "https://runbook.example.test/incidents/42",
            ])
        }
    }

    @Test(arguments: [(DeliveryKind.acknowledged, "acknowledge"), (.resolved, "resolve"), (.repeated, "trigger")])
    func laterChangesUseTheSameDedupKey(kind: DeliveryKind, action: String) async throws {
        try await withRecordingReceiver { receiver in
            _ = try await channel(receiver).send(MessageFixtures.message(kind: kind)).get()
            let json = try #require(try await receiver.waitForRequests(count: 1).first?.jsonObject())
            #expect(json["event_action"] as? String == action)
            #expect(json["dedup_key"] as? String == "runbook-incident-42")
        }
    }

    @Test(arguments: [
        ("critical", "critical"), ("P1", "critical"), ("warning", "warning"), ("info", "info"), ("high", "error"),
        (nil, "error"),
    ] as [(String?, String)])
    func severityIsMappedToPagerDutys(severity: String?, expected: String) {
        #expect(PagerDutyEvent.severity(severity) == expected)
    }

    @Test(arguments: [(400, true), (429, false), (500, false)])
    func rejectionsAreClassified(status: Int, permanent: Bool) async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.body(status: status, contentType: "application/json",
                                   text: #"{"status":"invalid event","message":"Event object is invalid"}"#))
            let result = await channel(receiver).send(MessageFixtures.message())
            guard case .failure(let failure) = result else {
                Issue.record("expected a failure")
                return
            }
            #expect(failure.isPermanent == permanent)
            #expect(failure.status == status)
            #expect(!failure.message.contains("R0UTINGKEY"))
        }
    }
}
