import AsyncHTTPClient
import Foundation
import RecordingReceiver
import RunbookCore
import Testing

@testable import RunbookNotify

struct SlackChannelTests {
    private func webhookChannel(_ receiver: RecordingReceiver) -> SlackChannel {
        let slack = SlackSettings(webhookURL: receiver.url("/services/T0/B0/secret"))
        return SlackChannel(settings: ChannelSettings(name: "slack", kind: .slack(slack)), slack: slack,
                            client: HTTPClient.shared)
    }

    private func botChannel(_ receiver: RecordingReceiver) -> SlackChannel {
        let slack = SlackSettings(botToken: "xoxb-test-token", channel: "C0ONCALL", apiURL: receiver.url("/api/"))
        return SlackChannel(settings: ChannelSettings(name: "slack-bot", kind: .slack(slack)), slack: slack,
                            client: HTTPClient.shared)
    }

    /// Every mrkdwn text of a recorded Slack payload, joined.
    private func mrkdwnTexts(_ json: [String: Any]) -> [String] {
        let blocks = json["blocks"] as? [[String: Any]] ?? []
        return blocks.flatMap { block -> [String] in
            var texts: [String] = []
            if let text = block["text"] as? [String: Any], text["type"] as? String == "mrkdwn" {
                texts.append(text["text"] as? String ?? "")
            }
            for field in block["fields"] as? [[String: Any]] ?? [] { texts.append(field["text"] as? String ?? "") }
            for element in block["elements"] as? [[String: Any]] ?? [] {
                texts.append(element["text"] as? String ?? "")
            }
            return texts
        }
    }

    @Test func webhookMessageCarriesKeySeverityLabelsLinkEntryAndCommand() async throws {
        try await withRecordingReceiver { receiver in
            let result = await webhookChannel(receiver).send(MessageFixtures.message())
            #expect(try result.get().reference == nil)
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            #expect(request.path == "/services/T0/B0/secret")
            #expect(request.header("Idempotency-Key") == "runbook-delivery-7")
            #expect(request.header("Content-Type")?.hasPrefix("application/json") == true)
            let json = try #require(request.jsonObject())
            let blocks = try #require(json["blocks"] as? [[String: Any]])
            let header = try #require((blocks.first?["text"] as? [String: Any])?["text"] as? String)
            #expect(header.contains("Triggered: QueueBacklogHigh billing-worker"))
            let text = mrkdwnTexts(json).joined(separator: "\n")
            #expect(text.contains("*Severity:* critical"))
            #expect(text.contains("<https://runbook.example.test/incidents/42|#42>"))
            #expect(text.contains("*alertname*\nQueueBacklogHigh"))
            #expect(text.contains("*namespace*\npayments"))
            #expect(!text.contains("billing-worker-7f9c"), "only the labels that matter")
            let entryLink = "<https://runbook.example.test/runbooks/queues.md#queuebackloghigh|QueueBacklogHigh>"
            #expect(text.contains(entryLink))
            #expect(text.contains(">Check how many messages wait in the queue."))
            #expect(text.contains("kubectl -n payments logs deploy/billing-worker"))
            #expect(text.contains("*Confidence:* 82%"))
            #expect(json["channel"] == nil)
        }
    }

    @Test(arguments: [
        "<!channel> wake up",
        "<https://evil.example|click me>",
        "a & b > c",
        "\"}]}, {\"type\":\"section\"",
        "```\n<!here>",
    ])
    func hostileLabelCannotInjectMarkupOrBreakTheJSON(value: String) async throws {
        var labels = MessageFixtures.labels
        labels["service"] = value
        labels["alertname"] = value
        var incident = MessageFixtures.incident(labels: labels)
        incident.title = value
        try await withRecordingReceiver { receiver in
            _ = try await webhookChannel(receiver).send(MessageFixtures.message(labels: labels, incident: incident))
                .get()
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            let json = try #require(request.jsonObject(), "the body stays valid JSON")
            let texts = mrkdwnTexts(json)
            for text in texts {
                let withoutOurLinks = text
                    .replacingOccurrences(of: "<https://runbook.example.test/incidents/42|#42>", with: "")
                    .replacingOccurrences(
                        of: "<https://runbook.example.test/runbooks/queues.md#queuebackloghigh|QueueBacklogHigh>",
                        with: "")
                #expect(!withoutOurLinks.contains("<"), "no markup from a label: \(text)")
                #expect(!withoutOurLinks.contains(">") || withoutOurLinks.contains("\n>"))
            }
            let joined = texts.joined(separator: "\n")
            #expect(joined.contains(SlackMarkup.escape(value)))
            #expect(!joined.contains("<!channel>") && !joined.contains("<!here>"))
        }
    }

    @Test func botPostsToChatPostMessageAndKeepsTheTimestamp() async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.slackOK)
            let receipt = try await botChannel(receiver).send(MessageFixtures.message()).get()
            #expect(receipt.reference == "1700000000.000001")
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            #expect(request.path == "/api/chat.postMessage")
            #expect(request.header("Authorization") == "Bearer xoxb-test-token")
            let json = try #require(request.jsonObject())
            #expect(json["channel"] as? String == "C0ONCALL")
            #expect(json["thread_ts"] == nil)
        }
    }

    @Test(arguments: [DeliveryKind.acknowledged, .resolved, .repeated])
    func followUpsGoToTheTriggersThread(kind: DeliveryKind) async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.slackOK)
            let state: IncidentState = switch kind {
            case .resolved: .resolved
            case .acknowledged: .acknowledged
            default: .triggered
            }
            let message = MessageFixtures.message(
                kind: kind, incident: MessageFixtures.incident(state: state), threadReference: "1699999999.000100"
            )
            let receipt = try await botChannel(receiver).send(message).get()
            #expect(receipt.reference == "1699999999.000100", "the thread's root stays the reference")
            let json = try #require(try await receiver.waitForRequests(count: 1).first?.jsonObject())
            #expect(json["thread_ts"] as? String == "1699999999.000100")
            let text = mrkdwnTexts(json).joined(separator: "\n")
            if kind == .acknowledged { #expect(text.contains("Acknowledged by dana")) }
            if kind == .resolved { #expect(text.contains("Resolved by erin")) }
        }
    }

    @Test(arguments: [
        ("channel_not_found", true), ("invalid_auth", true), ("ratelimited", false), ("internal_error", false),
    ])
    func slackErrorsAreClassified(error: String, permanent: Bool) async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.slackError(error))
            let result = await botChannel(receiver).send(MessageFixtures.message())
            guard case .failure(let failure) = result else {
                Issue.record("expected a failure")
                return
            }
            #expect(failure.isPermanent == permanent)
            #expect(failure.message.contains(error))
            #expect(!failure.message.contains("xoxb"))
        }
    }

    @Test func digestListsItsIncidentsAndHowManyMore() async throws {
        var message = MessageFixtures.message(kind: .digest)
        message.digest = (1...3).map { number in
            DigestItem(incidentID: Int64(number), key: "DiskFull db-\(number)", title: "Disk <full> \(number)",
                       severity: "warning", url: URL(string: "https://runbook.example.test/incidents/\(number)"))
        }
        message.digestOmitted = 9
        try await withRecordingReceiver { receiver in
            _ = try await webhookChannel(receiver).send(message).get()
            let json = try #require(try await receiver.waitForRequests(count: 1).first?.jsonObject())
            let text = mrkdwnTexts(json).joined(separator: "\n")
            let line = "• <https://runbook.example.test/incidents/2|DiskFull db-2> — Disk &lt;full&gt; 2"
            #expect(text.contains(line))
            #expect(text.contains("…and 9 more"))
            let header = (json["blocks"] as? [[String: Any]])?.first?["text"] as? [String: Any]
            #expect((header?["text"] as? String)?.contains("12 new incidents on route payments") == true)
        }
    }
}
