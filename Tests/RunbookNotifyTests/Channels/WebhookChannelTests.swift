import AsyncHTTPClient
import Crypto
import Foundation
import RecordingReceiver
import Testing

@testable import RunbookNotify

struct WebhookChannelTests {
    /// Two secrets, as a receiver rotating its key would configure them.
    private let secrets = ["whsec_" + Data("first-signing-key-bytes".utf8).base64EncodedString(),
                           "whsec_" + Data("second-signing-key-bytes".utf8).base64EncodedString()]

    private func channel(_ receiver: RecordingReceiver, secrets: [String]) -> WebhookChannel {
        let webhook = WebhookSettings(url: receiver.url("/hooks/runbook"), secrets: secrets,
                                      headers: ["Authorization": "Bearer receiver-token"])
        return WebhookChannel(settings: ChannelSettings(name: "hook", kind: .webhook(webhook)), webhook: webhook,
                              client: HTTPClient.shared)
    }

    /// Verifies a Standard Webhooks signature the way a receiver would, without the channel's code.
    private func verifies(_ request: RecordedRequest, keyBytes: String) -> Bool {
        guard let id = request.header("webhook-id"), let timestamp = request.header("webhook-timestamp"),
              let header = request.header("webhook-signature")
        else { return false }
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(request.body)
        let key = SymmetricKey(data: Data(keyBytes.utf8))
        let expected = Data(HMAC<SHA256>.authenticationCode(for: signed, using: key))
        return header.split(separator: " ").contains { candidate in
            candidate.hasPrefix("v1,") && Data(base64Encoded: String(candidate.dropFirst(3))) == expected
        }
    }

    @Test func bodyCarriesIncidentAlertsEntryAndKind() async throws {
        try await withRecordingReceiver { receiver in
            _ = try await channel(receiver, secrets: secrets).send(MessageFixtures.message()).get()
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            let json = try #require(request.jsonObject())
            #expect(json["type"] as? String == "incident.triggered")
            #expect(json["timestamp"] as? String == "2023-11-14T22:13:25Z")
            let data = try #require(json["data"] as? [String: Any])
            let delivery = try #require(data["delivery"] as? [String: Any])
            #expect(delivery["id"] as? String == "runbook-delivery-7")
            #expect(delivery["kind"] as? String == "triggered")
            let incident = try #require(data["incident"] as? [String: Any])
            #expect(incident["id"] as? Int == 42)
            #expect(incident["key"] as? String == "QueueBacklogHigh billing-worker")
            #expect(incident["url"] as? String == "https://runbook.example.test/incidents/42")
            let alerts = try #require(data["alerts"] as? [[String: Any]])
            #expect((alerts.first?["labels"] as? [String: String])?["namespace"] == "payments")
            let entry = try #require(data["entry"] as? [String: Any])
            #expect(entry["id"] as? String == "queues.md#queuebackloghigh")
            #expect(entry["command"] as? String == "kubectl -n payments logs deploy/billing-worker --tail=100")
            #expect(data["digest"] == nil)
        }
    }

    /// docs/WEBHOOKS.md: fields with no value are left out, not sent as `""`.
    @Test func anAlertWithoutAURLOrSeverityIsSentWithoutThem() async throws {
        try await withRecordingReceiver { receiver in
            var message = MessageFixtures.message()
            message.alerts[0].url = ""
            message.alerts[0].severity = ""
            _ = try await channel(receiver, secrets: secrets).send(message).get()
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            let alerts = (request.jsonObject()?["data"] as? [String: Any])?["alerts"] as? [[String: Any]]
            let alert = try #require(alerts?.first)
            #expect(alert["url"] == nil && alert["severity"] == nil, "\(alert)")
        }
    }

    @Test func headersFollowStandardWebhooks() async throws {
        try await withRecordingReceiver { receiver in
            _ = try await channel(receiver, secrets: secrets).send(MessageFixtures.message()).get()
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            #expect(request.header("webhook-id") == "runbook-delivery-7")
            #expect(request.header("Idempotency-Key") == "runbook-delivery-7")
            #expect(request.header("webhook-timestamp") == "1700000005")
            #expect(request.header("Authorization") == "Bearer receiver-token")
            #expect(request.header("webhook-signature")?.split(separator: " ").count == 2)
        }
    }

    @Test(arguments: ["first-signing-key-bytes", "second-signing-key-bytes"])
    func everySecretSignsSoAReceiverCanRotate(keyBytes: String) async throws {
        try await withRecordingReceiver { receiver in
            _ = try await channel(receiver, secrets: secrets).send(MessageFixtures.message()).get()
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            #expect(verifies(request, keyBytes: keyBytes))
            #expect(!verifies(request, keyBytes: "some-other-key"))
        }
    }

    @Test func aTamperedBodyFailsVerification() async throws {
        try await withRecordingReceiver { receiver in
            _ = try await channel(receiver, secrets: secrets).send(MessageFixtures.message()).get()
            var request = try #require(try await receiver.waitForRequests(count: 1).first)
            request.body.append(contentsOf: Array(" ".utf8))
            #expect(!verifies(request, keyBytes: "first-signing-key-bytes"))
        }
    }

    @Test func withoutSecretsNoSignatureIsSent() async throws {
        try await withRecordingReceiver { receiver in
            _ = try await channel(receiver, secrets: []).send(MessageFixtures.message()).get()
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            #expect(request.header("webhook-signature") == nil)
            #expect(request.header("webhook-id") == "runbook-delivery-7")
        }
    }

    @Test func matchesTheStandardWebhooksReferenceSignature() {
        // The example of the Standard Webhooks specification's reference libraries.
        let body = Data(#"{"test": 2432232314}"#.utf8)
        let header = WebhookSignature.header(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body,
            secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
        )
        #expect(header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test(arguments: [
        "\"}, \"type\": \"forged\"",
        "line\nbreak\u{0000}nul",
        "<script>alert(1)</script>",
    ])
    func hostileLabelValuesStayInsideTheirJSONString(value: String) async throws {
        var labels = MessageFixtures.labels
        labels["service"] = value
        try await withRecordingReceiver { receiver in
            _ = try await channel(receiver, secrets: secrets).send(MessageFixtures.message(labels: labels)).get()
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            let json = try #require(request.jsonObject())
            #expect(json["type"] as? String == "incident.triggered")
            let alerts = (json["data"] as? [String: Any])?["alerts"] as? [[String: Any]]
            #expect((alerts?.first?["labels"] as? [String: String])?["service"] == value)
            #expect(verifies(request, keyBytes: "first-signing-key-bytes"))
        }
    }
}
