import Foundation
import Logging
import RunbookStore
import Testing

@testable import RunbookNotify

/// Dispatchers of several nodes on one store plan the scheduled deliveries once per second between them.
struct DispatcherClusterTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    private func dispatcher(_ outbox: MemoryOutbox, clock: TestClock) -> Dispatcher<MemoryOutbox> {
        let hook = ChannelSettings(
            name: "hook", kind: .webhook(WebhookSettings(url: URL(string: "http://127.0.0.1:9/")!)))
        return Dispatcher(
            store: outbox, settings: NotificationSettings(channels: [hook], pollInterval: 3600),
            library: TestLibrary.standard, client: .shared, clock: clock,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func twoNodesPlanTheScheduleOncePerSecondBetweenThem() async throws {
        let outbox = MemoryOutbox()
        let clock = TestClock(Self.start)
        let nodes = [dispatcher(outbox, clock: clock), dispatcher(outbox, clock: clock)]
        for node in nodes {
            await node.runOnce()
        }
        #expect(await outbox.scheduledCalls == [Self.start])
        clock.advance(by: 1)
        for node in nodes.reversed() {
            await node.runOnce()
        }
        #expect(await outbox.scheduledCalls == [Self.start, Self.start.addingTimeInterval(1)])
    }
}
