import Foundation
import Logging
import NIOConcurrencyHelpers
import RecordingReceiver
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookNotify

/// The dispatcher's log lines name events (`delivery.failed`), never sentences, so the JSON `type` field can be
/// filtered on like the server's own (`server.starting`, `request.summary`).
struct DispatcherLogTests {
    /// Keeps every message logged through it.
    final class Messages: Sendable {
        private let lines = NIOLockedValueBox<[String]>([])
        var all: [String] { lines.withLockedValue { $0 } }
        func append(_ message: String) { lines.withLockedValue { $0.append(message) } }
    }

    struct Handler: LogHandler {
        let messages: Messages
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            messages.append(event.message.description)
        }
    }

    @Test func aFailedAndAGivenUpDeliveryAreLoggedAsEvents() async throws {
        let messages = Messages()
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                _ = try await store.ingest(SQLiteFixture.request(at: start))
                receiver.respond(.status(404), path: "/hook")
                let hook = ChannelSettings(name: "hook", kind: .webhook(WebhookSettings(url: receiver.url("/hook"))))
                let fallback = ChannelSettings(name: "fallback",
                                               kind: .webhook(WebhookSettings(url: receiver.url("/fallback"))))
                let dispatcher = Dispatcher(
                    store: store, settings: NotificationSettings(channels: [hook, fallback], pollInterval: 3600),
                    library: TestLibrary.standard, client: .shared, clock: TestClock(start),
                    random: SeededGenerator(seed: 3),
                    logger: Logger(label: "test", factory: { _ in Handler(messages: messages) })
                )
                #expect(await dispatcher.runOnce().dead == 1)
            }
        }
        #expect(messages.all.contains("delivery.failed"), "\(messages.all)")
        #expect(messages.all.contains("dispatcher.batch"))
        #expect(messages.all.allSatisfy { $0.wholeMatch(of: /[a-z_]+(\.[a-z_]+)+/) != nil }, "\(messages.all)")
    }
}
