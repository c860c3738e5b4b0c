import Foundation
import Testing

@testable import RunbookNotify

struct AcknowledgeLinksTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aLinkNamesItsIncidentAndExpiresAndOnlyItsOwnValuesPass() throws {
        let links = AcknowledgeLinks(key: Data(repeating: 7, count: 32), lifetime: 3600)
        let url = try #require(links.url(console: URL(string: "https://runbook.example.com/")!, incident: 42, now: now))
        #expect(url.absoluteString.hasPrefix("https://runbook.example.com/incidents/42/ack-link?expires=1800003600&signature="))
        let signature = links.signature(incident: 42, expires: 1_800_003_600)
        #expect(links.check(incident: 42, expires: "1800003600", signature: signature, now: now) == .valid)
        #expect(links.check(incident: 43, expires: "1800003600", signature: signature, now: now) == .forged)
        #expect(links.check(incident: 42, expires: "1800007200", signature: signature, now: now) == .forged)
        #expect(links.check(incident: 42, expires: "1800003600", signature: signature,
                            now: now.addingTimeInterval(3601)) == .expired)
        #expect(links.check(incident: 42, expires: nil, signature: signature, now: now) == .forged)
        // Every spelling of the last character that a lenient decoder reads as the same bytes is refused but one.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let accepted = alphabet.filter { last in
            links.check(incident: 42, expires: "1800003600", signature: String(signature.dropLast()) + String(last),
                        now: now) == .valid
        }
        #expect(accepted == [try #require(signature.last)])
        #expect(links.check(incident: 42, expires: "1800003600", signature: nil, now: now) == .forged)
        let other = AcknowledgeLinks(key: Data(repeating: 8, count: 32), lifetime: 3600)
        #expect(other.check(incident: 42, expires: "1800003600", signature: signature, now: now) == .forged)
        #expect(!"\(links)".contains("7"), "the key never prints")
    }

    @Test func theKeyIsMadeOnceWithOwnerOnlyModeAndKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ack-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try AcknowledgeLinks.key(in: folder.path)
        #expect(first.count == 32)
        #expect(try AcknowledgeLinks.key(in: folder.path) == first)
        let path = folder.appendingPathComponent(AcknowledgeLinks.keyFileName).path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

/// Messages of a triggered incident carry the signed link; the webhook body and Slack show it.
struct AcknowledgeLinkMessageTests {
    @Test func aTriggeredIncidentsMessageCarriesTheLinkInTheWebhookBodyAndSlack() async throws {
        let outbox = MemoryOutbox()
        await outbox.addIncident(MessageFixtures.incident(), labels: MessageFixtures.labels)
        let delivery = await outbox.enqueue(incidentID: 42, channel: "hook", at: MessageFixtures.openedAt)
        let links = AcknowledgeLinks(key: Data(repeating: 1, count: 32))
        let renderer = MessageRenderer(
            library: TestLibrary(entries: []), consoleURL: URL(string: "https://runbook.example.com"),
            acknowledgeLinks: links)
        let message = try await renderer.render(
            delivery, store: outbox, threadReference: nil, now: MessageFixtures.openedAt)
        let url = try #require(message.acknowledgeURL)
        #expect(url.path == "/incidents/42/ack-link")
        let body = String(decoding: WebhookBody(message).encoded(), as: UTF8.self)
        #expect(body.contains("\"acknowledgeUrl\":\"\(url.absoluteString)\""))
        let slack = String(decoding: try JSONEncoder().encode(
            SlackMessageBuilder.payload(for: message, channel: nil, threadTS: nil)), as: UTF8.self)
        #expect(slack.contains("|Acknowledge>"))

        let plain = MessageRenderer(library: TestLibrary(entries: []), consoleURL: URL(string: "https://runbook.example.com"))
        #expect(try await plain.render(delivery, store: outbox, threadReference: nil, now: MessageFixtures.openedAt)
            .acknowledgeURL == nil, "without a key, no link")
    }
}
