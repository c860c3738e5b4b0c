import AsyncHTTPClient
import Foundation
import Logging
import RecordingReceiver
import RunbookCore
import RunbookStore
import ServiceLifecycle
import Testing

@testable import RunbookNotify

struct DispatcherTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// A dispatcher over `outbox` with a webhook channel `hook` (at `/hook`) and a fallback channel
    /// (at `/fallback`), both on `receiver`.
    private func dispatcher(
        _ outbox: MemoryOutbox, _ receiver: RecordingReceiver, clock: TestClock,
        retry: RetryPolicy = RetryPolicy(), timeout: TimeInterval = 10, concurrency: Int = 4,
        extra: [ChannelSettings] = [], signal: DispatcherSignal = DispatcherSignal()
    ) -> Dispatcher<MemoryOutbox> {
        let hook = ChannelSettings(name: "hook", kind: .webhook(WebhookSettings(url: receiver.url("/hook"))),
                                   timeout: timeout, concurrency: concurrency)
        let fallback = ChannelSettings(name: "fallback",
                                       kind: .webhook(WebhookSettings(url: receiver.url("/fallback"))))
        let settings = NotificationSettings(
            channels: [hook, fallback] + extra, retry: retry, batchSize: 50, pollInterval: 3600,
            consoleURL: URL(string: "https://runbook.example.test")
        )
        return Dispatcher(
            store: outbox, settings: settings, library: TestLibrary.standard, client: .shared, signal: signal,
            clock: clock, random: SeededGenerator(seed: 3),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    private func incident(_ outbox: MemoryOutbox, id: Int64 = 42) async {
        await outbox.addIncident(MessageFixtures.incident(id: id), labels: MessageFixtures.labels)
    }

    @Test func sendsADueDeliveryRenderedFromTheIncidentAndLibrary() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            let delivery = await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            let batch = await dispatcher(outbox, receiver, clock: clock).runOnce()
            #expect(batch.claimed == 1 && batch.sent == 1)
            let request = try #require(receiver.requests(path: "/hook").first)
            #expect(request.header("webhook-id") == delivery.idempotencyKey)
            let entry = (request.jsonObject()?["data"] as? [String: Any])?["entry"] as? [String: Any]
            #expect(entry?["command"] as? String == "queuectl depth --service billing-worker")
            #expect(entry?["url"] as? String == "https://runbook.example.test/runbooks/queues.md#queuebackloghigh")
            #expect(await outbox.row(delivery.id)?.state == .sent)
            let attempts = try await outbox.attempts(deliveryID: delivery.id)
            #expect(attempts.map(\.status) == [200])
            #expect(await outbox.scheduledCalls == [Self.start])
        }
    }

    @Test func timeBasedPlanningRunsAtMostOncePerSecondOfClockTime() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            let dispatcher = dispatcher(outbox, receiver, clock: clock)
            for _ in 1...5 {
                await dispatcher.runOnce()
            }
            clock.advance(by: 1)
            await dispatcher.runOnce()
            await dispatcher.runOnce()
            #expect(await outbox.scheduledCalls == [Self.start, Self.start.addingTimeInterval(1)])
        }
    }

    @Test func aDeliveryNotYetDueIsLeftAlone() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            await incident(outbox)
            await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start.addingTimeInterval(30))
            let batch = await dispatcher(outbox, receiver, clock: TestClock(Self.start)).runOnce()
            #expect(batch.claimed == 0)
            #expect(receiver.requests().isEmpty)
        }
    }

    @Test func serverErrorsAreRetriedWithTheSameKeyUntilTheReceiverComesBack() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            let delivery = await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            let dispatcher = dispatcher(outbox, receiver, clock: clock)
            receiver.respond(.status(503), path: "/hook")
            for failure in 1...3 {
                let batch = await dispatcher.runOnce()
                #expect(batch.retried == 1)
                let row = try #require(await outbox.row(delivery.id))
                #expect(row.state == .pending && row.attempts == failure)
                let wait = row.dueAt.timeIntervalSince(clock.now)
                #expect(wait >= 0 && wait <= RetryPolicy().backoffCeiling(afterFailures: failure))
                if wait > 0 {
                    #expect(await dispatcher.runOnce().claimed == 0, "not tried before it is due")
                }
                clock.set(row.dueAt)
            }
            receiver.comeBack()
            clock.advance(by: 3600)
            #expect(await dispatcher.runOnce().sent == 1)
            #expect(await outbox.row(delivery.id)?.state == .sent)
            let keys = Set(receiver.requests(path: "/hook").map { $0.header("Idempotency-Key") })
            #expect(keys == [delivery.idempotencyKey])
            #expect(receiver.requests(path: "/hook").count >= 3)
        }
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            let delivery = await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            receiver.respondOnce([.tooManyRequests(retryAfter: "120")], path: "/hook")
            let dispatcher = dispatcher(outbox, receiver, clock: clock)
            #expect(await dispatcher.runOnce().retried == 1)
            #expect(await outbox.row(delivery.id)?.dueAt == Self.start.addingTimeInterval(120))
            clock.advance(by: 119)
            #expect(await dispatcher.runOnce().claimed == 0)
            clock.advance(by: 1)
            #expect(await dispatcher.runOnce().sent == 1)
        }
    }

    @Test func aHangingReceiverTimesOutAndIsRetried() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            let delivery = await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            receiver.respond(.hang, path: "/hook")
            let dispatcher = dispatcher(outbox, receiver, clock: clock, timeout: 0.2)
            #expect(await dispatcher.runOnce().retried == 1)
            let row = try #require(await outbox.row(delivery.id))
            #expect(row.lastError?.contains("no answer within 0.2 s") == true)
            receiver.comeBack()
            clock.advance(by: 10)
            let patient = self.dispatcher(outbox, receiver, clock: clock)
            #expect(await patient.runOnce().sent == 1, "a loaded machine may need more than the short timeout")
        }
    }

    @Test(arguments: [400, 401, 404, 410, 422])
    func aClientErrorIsPermanentAndRaisesRunbooksOwnIncident(status: Int) async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            let delivery = await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            receiver.respond(.status(status), path: "/hook")
            let dispatcher = dispatcher(outbox, receiver, clock: clock)
            let batch = await dispatcher.runOnce()
            #expect(batch.dead == 1 && batch.raised == 1)
            let row = try #require(await outbox.row(delivery.id))
            #expect(row.state == .dead && row.attempts == 1)
            #expect(row.lastError == "receiver answered HTTP \(status)")
            let ingested = try #require(await outbox.ingested.first)
            let alert = try #require(ingested.alerts.first)
            #expect(ingested.source == .runbook)
            #expect(alert.alert.labels["alertname"] == "RunbookNotificationDeliveryFailed")
            #expect(alert.alert.labels["runbook"] == "self")
            #expect(alert.alert.labels["channel"] == "hook")
            // The route is an annotation: the labels (one incident per channel) stay put from failure to failure.
            #expect(alert.alert.labels["route"] == nil)
            #expect(alert.alert.annotations["route"] == "main")
            #expect(alert.alert.annotations["runbook_url"] == "OPERATIONS.md#runbooknotificationdeliveryfailed")
            #expect(alert.matches.first?.entry == "OPERATIONS.md#runbooknotificationdeliveryfailed")
            #expect(await dispatcher.runOnce().sent == 1)
            let page = try #require(receiver.requests(path: "/fallback").first?.jsonObject())
            let data = page["data"] as? [String: Any]
            #expect((data?["incident"] as? [String: Any])?["key"] as? String
                == "RunbookNotificationDeliveryFailed")
        }
    }

    @Test func aDeadStormRaisesOneIncidentPerChannel() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            for id in 1...5 {
                await incident(outbox, id: Int64(id))
                await outbox.enqueue(incidentID: Int64(id), channel: "hook", at: Self.start)
            }
            receiver.respond(.status(403), path: "/hook")
            let batch = await dispatcher(outbox, receiver, clock: clock).runOnce()
            #expect(batch.dead == 5 && batch.raised == 1)
            #expect(await outbox.ingested.count == 1)
            let summary = await outbox.ingested.first?.alerts.first?.alert.annotations["summary"]
            #expect(summary == "5 notification deliveries to channel hook gave up")
        }
    }

    @Test func aDeadDeliveryOfRunbooksOwnIncidentRaisesNothing() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            receiver.respond(.status(400))
            let dispatcher = dispatcher(outbox, receiver, clock: clock)
            #expect(await dispatcher.runOnce().raised == 1)
            let second = await dispatcher.runOnce()
            #expect(second.dead == 1 && second.raised == 0)
            #expect(await outbox.ingested.count == 1)
        }
    }

    @Test func aChannelThatIsNotConfiguredFailsPermanently() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            await incident(outbox)
            let delivery = await outbox.enqueue(incidentID: 42, channel: "renamed-away", at: Self.start)
            let batch = await dispatcher(outbox, receiver, clock: TestClock(Self.start)).runOnce()
            #expect(batch.dead == 1)
            #expect(batch.raised == 0, "a channel removed on purpose raises no incident of its own")
            let row = try #require(await outbox.row(delivery.id))
            #expect(row.lastError?.contains("channel \"renamed-away\" is not configured") == true)
        }
    }

    @Test func swappedSettingsApplyFromTheNextDelivery() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            await incident(outbox)
            func settings(_ channels: [(String, String)], batchSize: Int) -> NotificationSettings {
                NotificationSettings(
                    channels: channels.map { name, path in
                        ChannelSettings(name: name, kind: .webhook(WebhookSettings(url: receiver.url(path))))
                    },
                    batchSize: batchSize, pollInterval: 3600)
            }
            let dispatch = DispatchSettings(settings([("hook", "/hook"), ("old", "/old")], batchSize: 50),
                                            client: .shared)
            let dispatcher = Dispatcher(
                store: outbox, dispatch: dispatch, library: TestLibrary.standard, clock: TestClock(Self.start),
                random: SeededGenerator(seed: 3),
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            #expect(await dispatcher.runOnce().sent == 1)

            dispatch.replace(with: settings([("hook", "/moved"), ("new", "/new")], batchSize: 1), client: .shared)
            let moved = await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            let added = await outbox.enqueue(incidentID: 42, channel: "new", at: Self.start)
            let removed = await outbox.enqueue(incidentID: 42, channel: "old", at: Self.start)
            #expect(await dispatcher.runOnce().claimed == 1, "the new batch size")
            while await dispatcher.runOnce().claimed > 0 {}
            #expect(receiver.requests(path: "/hook").count == 1)
            #expect(receiver.requests(path: "/moved").map { $0.header("webhook-id") } == [moved.idempotencyKey])
            #expect(receiver.requests(path: "/new").map { $0.header("webhook-id") } == [added.idempotencyKey])
            #expect(receiver.requests(path: "/old").isEmpty)
            let row = try #require(await outbox.row(removed.id))
            #expect(row.state == .dead && row.lastError?.contains("\"old\" is not configured") == true)
            #expect(await outbox.ingested.isEmpty)
        }
    }

    @Test func backoffGrowsWithTheTestClockUntilItGivesUp() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            let delivery = await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            receiver.respond(.status(500), path: "/hook")
            let policy = RetryPolicy(firstDelay: 1, maxDelay: 8, giveUpAfter: 60)
            let dispatcher = dispatcher(outbox, receiver, clock: clock, retry: policy)
            var tries = 0
            while await outbox.row(delivery.id)?.state == .pending {
                let batch = await dispatcher.runOnce()
                tries += 1
                let row = try #require(await outbox.row(delivery.id))
                if row.state == .pending {
                    #expect(batch.retried == 1)
                    let wait = row.dueAt.timeIntervalSince(clock.now)
                    #expect(wait <= policy.backoffCeiling(afterFailures: row.attempts))
                    #expect(row.dueAt <= Self.start.addingTimeInterval(60))
                    clock.set(row.dueAt)
                }
                #expect(tries < 500)
            }
            #expect(await outbox.row(delivery.id)?.state == .dead)
            #expect(clock.now == Self.start.addingTimeInterval(60), "the last try is at the give-up time")
            #expect(tries > 8, "full jitter with an 8 s cap takes more than 8 tries to cover 60 s")
            #expect(await outbox.ingested.count == 1)
        }
    }

    @Test func eachChannelStaysWithinItsConcurrencyLimit() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            for id in 1...6 {
                await incident(outbox, id: Int64(id))
                await outbox.enqueue(incidentID: Int64(id), channel: "hook", at: Self.start)
            }
            receiver.respond(.hang, path: "/hook")
            let dispatcher = dispatcher(outbox, receiver, clock: clock, concurrency: 2)
            let batch = Task { await dispatcher.runOnce() }
            for round in 1...3 {
                try await receiver.waitUntil { $0.hangingCount == 2 }
                #expect(receiver.requests(path: "/hook").count == 2 * round)
                receiver.release()
            }
            #expect(await batch.value.sent == 6)
            #expect(receiver.maxInFlight(path: "/hook") == 2)
        }
    }

    @Test func slackFollowUpsThreadOnTheTriggersTimestamp() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            receiver.respond(.slackOK, path: "/api/chat.postMessage")
            let slack = ChannelSettings(name: "slack", kind: .slack(SlackSettings(
                botToken: "xoxb-1", channel: "C1", apiURL: receiver.url("/api/")
            )))
            let dispatcher = dispatcher(outbox, receiver, clock: clock, extra: [slack])
            await outbox.enqueue(incidentID: 42, channel: "slack", at: Self.start)
            #expect(await dispatcher.runOnce().sent == 1)
            await outbox.enqueue(incidentID: 42, channel: "slack", kind: .acknowledged, at: Self.start)
            #expect(await dispatcher.runOnce().sent == 1)
            let requests = receiver.requests(path: "/api/chat.postMessage")
            #expect(requests.count == 2)
            #expect(requests[0].jsonObject()?["thread_ts"] == nil)
            #expect(requests[1].jsonObject()?["thread_ts"] as? String == "1700000000.000001")
        }
    }

    @Test func aPokeWakesTheRunningDispatcherAndShutdownStopsIt() async throws {
        try await withRecordingReceiver { receiver in
            let outbox = MemoryOutbox()
            let clock = TestClock(Self.start)
            await incident(outbox)
            let signal = DispatcherSignal()
            let dispatcher = dispatcher(outbox, receiver, clock: clock, signal: signal)
            let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: [dispatcher], gracefulShutdownSignals: [], logger: logger
            ))
            let running = Task { try await group.run() }
            try await withTimeLimit {
                while await outbox.scheduledCalls.isEmpty { await Task.yield() }
            }
            await outbox.enqueue(incidentID: 42, channel: "hook", at: Self.start)
            signal.poke()
            try await receiver.waitForRequests(count: 1, path: "/hook")
            await group.triggerGracefulShutdown()
            try await running.value
        }
    }

    /// Runs `body`, failing the test instead of hanging when it takes more than ten seconds.
    private func withTimeLimit(_ body: @escaping @Sendable () async -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                await body()
                return true
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return false
            }
            let finished = try await group.next() ?? false
            group.cancelAll()
            #expect(finished, "gave up waiting after ten seconds")
        }
    }
}
