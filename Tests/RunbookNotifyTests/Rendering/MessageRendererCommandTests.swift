import Foundation
import RunbookCore
import Testing

@testable import RunbookNotify

/// A message shows commands a person can paste: the first one filled, no output, the whole block kept aside.
struct MessageRendererCommandTests {
    static let document = """
        # Queues

        ## QueueBacklogHigh

        _Diagnosis_

        ```console
        Log in first:

        ssh <instance>
        admin@worker-3:~$ queuectl depth --service <service>
        depth  consumers  lag
        10234  0          512      <<<<<<<< no consumers!
        admin@worker-3:~$ sudo systemctl restart queue-consumer   # <-- this fixes it
        ● queue-consumer.service - consumer
             Active: active (running) since Fri 2026-12-04 10:00:00 UTC; 2s ago
        ```
        """

    static func message() async throws -> NotificationMessage {
        let library = Library(folders: [LibraryFolder(name: "lib", files: [
            SourceFile(path: "queues.md", contents: document),
        ])])
        let outbox = MemoryOutbox()
        await outbox.addIncident(MessageFixtures.incident(), labels: MessageFixtures.labels)
        let delivery = await outbox.enqueue(incidentID: 42, channel: "hook", at: MessageFixtures.openedAt)
        let renderer = MessageRenderer(library: TestLibrary(entries: library.entries), consoleURL: nil)
        return try await renderer.render(delivery, store: outbox, threadReference: nil, now: MessageFixtures.openedAt)
    }

    @Test
    func theEntrysCommandIsTheFirstCommandFilledWithTheHostOfTheInstance() async throws {
        let entry = try #require(try await Self.message().entry)
        #expect(entry.command == "ssh worker-3")
        #expect(entry.commands == [
            "ssh worker-3", "queuectl depth --service billing-worker", "sudo systemctl restart queue-consumer",
        ])
        let block = try #require(entry.block)
        #expect(block.contains("10234  0          512"))
        #expect(block.contains("--service billing-worker"))
    }

    @Test
    func slackShowsTheCommandsWithoutTheirOutput() async throws {
        let payload = SlackMessageBuilder.payload(for: try await Self.message(), channel: nil, threadTS: nil)
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        #expect(json.contains("ssh worker-3\\nqueuectl depth --service billing-worker"))
        #expect(!json.contains("10234"))
        #expect(!json.contains("<<<<"))
        #expect(!json.contains("ssh worker-3:9100"))
    }

    @Test
    func theWebhookBodyCarriesTheCommandAndTheWholeBlock() async throws {
        let body = WebhookBody(try await Self.message()).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let entry = try #require((object["data"] as? [String: Any])?["entry"] as? [String: Any])
        #expect(entry["command"] as? String == "ssh worker-3")
        #expect((entry["block"] as? String)?.contains("● queue-consumer.service") == true)
        #expect((entry["commands"] as? [String])?.count == 3)
    }
}
