import Foundation
import RunbookCore
import Testing

@testable import RunbookNotify

/// An incident the matcher named no entry for still gives the person paged somewhere to start: its best candidates
/// under the threshold, with the evidence against each, in every channel's message.
struct MessageRendererCandidatesTests {
    static let against = "service payments-db: not named by this entry"

    /// The matches of `DiskUsageWarning payments-db` against a library with the alert for two other services.
    static let matches = [
        Match(entry: "oncall.md#diskusagewarning-checkout-worker", title: "DiskUsageWarning checkout-worker",
              score: 0.3, evidence: [
                  Evidence(term: against, alertField: "key", entryField: "title", weight: -1),
                  Evidence(term: "diskusagewarn", alertField: "key", entryField: "title", weight: 12),
              ]),
        Match(entry: "oncall.md#diskusagewarning-search-indexer", title: "DiskUsageWarning search-indexer",
              score: 0.3, evidence: [Evidence(term: "disk", alertField: "key", entryField: "title", weight: 4)]),
        Match(entry: "services/payments.md#payments-api", title: "Payments API", score: 0.02,
              evidence: [Evidence(term: "payment", alertField: "key", entryField: "document", weight: 1)]),
        Match(entry: "services/payments.md#architecture", title: "Architecture", score: 0.01, evidence: []),
        Match(entry: "oncall.md#conventions", title: "Conventions", score: 0, evidence: []),
    ]

    static func message(entryID: String?, matches: [Match] = matches) async throws -> NotificationMessage {
        var incident = MessageFixtures.incident()
        incident.entryID = entryID
        incident.score = entryID == nil ? nil : 0.9
        let outbox = MemoryOutbox()
        await outbox.addIncident(incident, labels: MessageFixtures.labels, matches: matches)
        let delivery = await outbox.enqueue(incidentID: incident.id, channel: "hook", at: MessageFixtures.openedAt)
        let renderer = MessageRenderer(library: TestLibrary(entries: []), consoleURL: MessageFixtures.consoleURL)
        return try await renderer.render(delivery, store: outbox, threadReference: nil, now: MessageFixtures.openedAt)
    }

    @Test
    func withNoEntryTheBestThreeCandidatesAreListedWithTheEvidenceAgainstThem() async throws {
        let message = try await Self.message(entryID: nil)
        #expect(message.entry == nil)
        #expect(message.candidates.map(\.id) == [
            "oncall.md#diskusagewarning-checkout-worker", "oncall.md#diskusagewarning-search-indexer",
            "services/payments.md#payments-api",
        ])
        let first = try #require(message.candidates.first)
        #expect(first.against == Self.against)
        #expect(first.confidence == 0.3)
        #expect(first.url?.absoluteString
            == "https://runbook.example.test/runbooks/oncall.md#diskusagewarning-checkout-worker")
        #expect(message.candidates[1].against == nil, "no evidence against it, none said")
    }

    @Test
    func anIncidentWithAnEntryListsNoCandidates() async throws {
        let message = try await Self.message(entryID: "oncall.md#diskusagewarning-checkout-worker")
        #expect(message.entry?.id == "oncall.md#diskusagewarning-checkout-worker")
        #expect(message.candidates.isEmpty)
    }

    /// An operator said no entry fits the key: its matches are kept at confidence 0, and none is offered again.
    @Test
    func candidatesAnOperatorRuledOutAreNotOffered() async throws {
        let ruledOut = Self.matches.map { Match(entry: $0.entry, title: $0.title, score: 0, evidence: $0.evidence) }
        let message = try await Self.message(entryID: nil, matches: ruledOut)
        #expect(message.candidates.isEmpty)
        let body = try JSONSerialization.jsonObject(with: WebhookBody(message).encoded()) as? [String: Any]
        #expect((body?["data"] as? [String: Any])?["candidates"] == nil, "left out rather than sent empty")
    }

    @Test
    func slackListsThemUnderTheThreshold() async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let message = try await Self.message(entryID: nil)
        let json = String(
            decoding: try encoder.encode(SlackMessageBuilder.payload(for: message, channel: nil, threadTS: nil)),
            as: UTF8.self)
        #expect(json.contains("No runbook entry matched this incident._ Closest, under the threshold:"))
        let link = "<https://runbook.example.test/runbooks/oncall.md#diskusagewarning-checkout-worker"
            + "|DiskUsageWarning checkout-worker>   30%"
        #expect(json.contains(link))
        #expect(json.contains("_service payments-db: not named by this entry_"))
        let withEntry = SlackMessageBuilder.payload(for: MessageFixtures.message(), channel: nil, threadTS: nil)
        #expect(!String(decoding: try JSONEncoder().encode(withEntry), as: UTF8.self).contains("Closest"))
    }

    @Test
    func theWebhookAndPagerDutyCarryThem() async throws {
        let message = try await Self.message(entryID: nil)
        let encoded = WebhookBody(message).encoded()
        let body = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["entry"] == nil)
        let candidates = try #require(data["candidates"] as? [[String: Any]])
        #expect(candidates.count == 3)
        #expect(candidates[0]["id"] as? String == "oncall.md#diskusagewarning-checkout-worker")
        #expect(candidates[0]["against"] as? String == Self.against)
        #expect(candidates[0]["confidence"] as? Double == 0.3)
        #expect(candidates[1]["against"] == nil)

        let event = try JSONEncoder().encode(PagerDutyEvent(message, routingKey: "rk"))
        let object = try #require(try JSONSerialization.jsonObject(with: event) as? [String: Any])
        let details = try #require((object["payload"] as? [String: Any])?["custom_details"] as? [String: Any])
        #expect((details["candidates"] as? [[String: Any]])?.first?["id"] as? String
            == "oncall.md#diskusagewarning-checkout-worker")
    }
}
