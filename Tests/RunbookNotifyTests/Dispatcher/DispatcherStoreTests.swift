import AsyncHTTPClient
import Foundation
import Logging
import RecordingReceiver
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookNotify

/// The dispatcher over the real SQLite store: deliveries planned by the store's transactions, sent to the
/// recording receiver, with time moved by a test clock.
struct DispatcherStoreTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    private func dispatcher(
        _ store: SQLiteStore, _ receiver: RecordingReceiver, clock: TestClock, retry: RetryPolicy = RetryPolicy(),
        timeout: TimeInterval = 10, concurrency: Int = 4, extra: [ChannelSettings] = []
    ) -> Dispatcher<SQLiteStore> {
        let hook = ChannelSettings(name: "hook", kind: .webhook(WebhookSettings(url: receiver.url("/hook"))),
                                   timeout: timeout, concurrency: concurrency)
        let fallback = ChannelSettings(name: "fallback",
                                       kind: .webhook(WebhookSettings(url: receiver.url("/fallback"))))
        let settings = NotificationSettings(
            channels: [hook, fallback] + extra, retry: retry, batchSize: 100, pollInterval: 3600,
            consoleURL: URL(string: "https://runbook.example.test")
        )
        return Dispatcher(
            store: store, settings: settings, library: TestLibrary.standard, client: .shared, clock: clock,
            random: SeededGenerator(seed: 11), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    @Test func anIngestedAlertIsSentAndTheTimelineSaysSo() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                let result = try await store.ingest(SQLiteFixture.request(at: Self.start))
                #expect(result.queuedDeliveries == 1)
                let batch = await dispatcher(store, receiver, clock: clock).runOnce()
                #expect(batch.sent == 1)
                let request = try #require(receiver.requests(path: "/hook").first)
                let data = request.jsonObject()?["data"] as? [String: Any]
                #expect((data?["entry"] as? [String: Any])?["command"] as? String
                    == "queuectl depth --service billing-worker")
                let sent = try await store.deliveries(matching: DeliveryQuery(state: .sent))
                #expect(sent.map(\.idempotencyKey) == [request.header("webhook-id")])
                let timeline = try await store.incident(id: result.incidentIDs[0]).timeline
                #expect(timeline.contains { $0.kind == .notified && $0.actor == "hook" })
                let attempts = try await store.attempts(deliveryID: sent[0].id)
                #expect(attempts.map(\.status) == [200])
            }
        }
    }

    @Test func serverErrorsAreRetriedUntilTheReceiverComesBackWithOneKey() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                _ = try await store.ingest(SQLiteFixture.request(at: Self.start))
                let dispatcher = dispatcher(store, receiver, clock: clock)
                receiver.respond(.status(503), path: "/hook")
                for failure in 1...3 {
                    #expect(await dispatcher.runOnce().retried == 1)
                    let row = try #require(try await store.deliveries(matching: DeliveryQuery()).first)
                    #expect(row.attempts == failure && row.state == .pending)
                    #expect(row.lastError == "receiver answered HTTP 503")
                    let wait = row.dueAt.timeIntervalSince(clock.now)
                    #expect(wait >= 0 && wait <= RetryPolicy().backoffCeiling(afterFailures: failure) + 0.001)
                    clock.set(row.dueAt.addingTimeInterval(0.001))
                }
                receiver.comeBack()
                #expect(await dispatcher.runOnce().sent == 1)
                let row = try #require(try await store.deliveries(matching: DeliveryQuery()).first)
                #expect(row.state == .sent)
                let attempts = try await store.attempts(deliveryID: row.id)
                #expect(attempts.map(\.status) == [503, 503, 503, 200])
                let keys = Set(receiver.requests(path: "/hook").map { $0.header("webhook-id") })
                #expect(keys == [row.idempotencyKey])
            }
        }
    }

    @Test func tooManyRequestsIsRetriedAfterItsRetryAfterDate() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                _ = try await store.ingest(SQLiteFixture.request(at: Self.start))
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "GMT")
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
                let asked = Self.start.addingTimeInterval(300)
                receiver.respondOnce([.tooManyRequests(retryAfter: formatter.string(from: asked))], path: "/hook")
                let dispatcher = dispatcher(store, receiver, clock: clock)
                #expect(await dispatcher.runOnce().retried == 1)
                let row = try #require(try await store.deliveries(matching: DeliveryQuery()).first)
                #expect(abs(row.dueAt.timeIntervalSince(asked)) < 0.01)
                clock.set(asked.addingTimeInterval(-1))
                #expect(await dispatcher.runOnce().claimed == 0)
                clock.set(asked.addingTimeInterval(0.01))
                #expect(await dispatcher.runOnce().sent == 1)
            }
        }
    }

    @Test func aHangIsCutByTheTimeoutAndRetried() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                _ = try await store.ingest(SQLiteFixture.request(at: Self.start))
                receiver.respond(.hang, path: "/hook")
                let dispatcher = dispatcher(store, receiver, clock: clock, timeout: 0.25)
                #expect(await dispatcher.runOnce().retried == 1)
                let row = try #require(try await store.deliveries(matching: DeliveryQuery()).first)
                #expect(row.lastError?.hasPrefix("no answer within") == true)
                receiver.comeBack()
                clock.advance(by: 5)
                let patient = self.dispatcher(store, receiver, clock: clock)
                #expect(await patient.runOnce().sent == 1, "a loaded machine may need more than the short timeout")
            }
        }
    }

    @Test func givingUpRaisesRunbooksOwnIncidentToTheFallbackChannelOnce() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                for service in ["a", "b", "c"] {
                    _ = try await store.ingest(SQLiteFixture.request(service: service, at: Self.start))
                }
                receiver.respond(.status(500), path: "/hook")
                let policy = RetryPolicy(firstDelay: 1, maxDelay: 10, giveUpAfter: 30)
                let dispatcher = dispatcher(store, receiver, clock: clock, retry: policy)
                var loops = 0
                while try await store.deliveries(matching: DeliveryQuery(state: .dead)).count < 3 {
                    await dispatcher.runOnce()
                    clock.advance(by: 5)
                    loops += 1
                    try #require(loops < 100)
                }
                let dead = try await store.deliveries(matching: DeliveryQuery(state: .dead))
                #expect(dead.allSatisfy { $0.lastError == "receiver answered HTTP 500" })
                await dispatcher.runOnce()
                let pages = try await receiver.waitForRequests(count: 1, path: "/fallback")
                #expect(pages.count == 1, "one incident for the channel, however many deliveries died")
                let data = pages[0].jsonObject()?["data"] as? [String: Any]
                let alerts = data?["alerts"] as? [[String: Any]]
                let labels = alerts?.first?["labels"] as? [String: String]
                #expect(labels?["alertname"] == "RunbookNotificationDeliveryFailed")
                #expect(labels?["channel"] == "hook" && labels?["runbook"] == "self")
                let entry = data?["entry"] as? [String: Any]
                #expect(entry?["id"] as? String == "OPERATIONS.md#runbooknotificationdeliveryfailed")
            }
        }
    }

    /// Dead deliveries to one channel on different routes join one incident of source `runbook`, whose labels name
    /// the channel only (the route of the latest is an annotation, so no label is overwritten).
    @Test func runbooksOwnIncidentHasItsOwnSourceAndIsOnePerChannel() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                let dispatcher = dispatcher(store, receiver, clock: clock)
                for (id, route) in [(Int64(1), "payments"), (2, "storage")] {
                    let delivery = OutboxDelivery(
                        id: id, incidentID: 1, route: route, channel: "hook", kind: .triggered, state: .dead,
                        idempotencyKey: "key-\(id)", attempts: 5, createdAt: Self.start, dueAt: Self.start,
                        retryingSince: Self.start, lastError: "receiver answered HTTP 404"
                    )
                    let outcome = DeliveryOutcome(delivery: delivery, channelType: "webhook", result: .dead,
                                                  duration: 0, error: "receiver answered HTTP 404",
                                                  isSelfIncident: false)
                    #expect(await dispatcher.raiseForDead([outcome]) == 1)
                    clock.advance(by: 60)
                }
                let incidents = try await store.incidents(matching: IncidentQuery(limit: 10)).incidents
                #expect(incidents.count == 1, "one incident per channel, whatever the route")
                let incident = try #require(incidents.first)
                #expect(incident.source == .runbook && incident.openedBy == "runbook")
                let alerts = try await store.incident(id: incident.id).alerts
                #expect(alerts.allSatisfy { $0.alert.labels["route"] == nil && $0.alert.source == .runbook })
                #expect(alerts.last?.alert.annotations["route"] == "storage")
            }
        }
    }

    /// docs/WEBHOOKS.md shows `webhook-id` and `data.delivery.id` as what the bytes carry: a UUID.
    @Test func theDocumentedWebhookIdHasTheShapeOfTheOneSent() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                _ = try await store.ingest(SQLiteFixture.request(at: Self.start))
                _ = await dispatcher(store, receiver, clock: TestClock(Self.start)).runOnce()
                let request = try #require(receiver.requests(path: "/hook").first)
                let sent = try #require(request.header("webhook-id"))
                #expect(UUID(uuidString: sent) != nil, "\(sent)")
                let data = request.jsonObject()?["data"] as? [String: Any]
                #expect((data?["delivery"] as? [String: Any])?["id"] as? String == sent)
            }
        }
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/WEBHOOKS.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let headerRow = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `webhook-id` |") })
        let documented = try #require(headerRow.firstMatch(of: /such as `([^`]+)`/)?.1)
        #expect(UUID(uuidString: String(documented)) != nil)
        let example = try #require(text.firstMatch(of: /"delivery": \{ "id": "([^"]+)"/)?.1)
        #expect(UUID(uuidString: String(example)) != nil)
        #expect(!text.contains("runbook-delivery-"))
    }

    @Test func aDeadPageOfRunbooksOwnIncidentDoesNotLoop() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                _ = try await store.ingest(SQLiteFixture.request(at: Self.start))
                receiver.respond(.status(404))
                let dispatcher = dispatcher(store, receiver, clock: clock)
                #expect(await dispatcher.runOnce().raised == 1)
                let second = await dispatcher.runOnce()
                #expect(second.dead == 1 && second.raised == 0)
                #expect(await dispatcher.runOnce().claimed == 0)
                let incidents = try await store.incidents(matching: IncidentQuery(limit: 10)).incidents
                #expect(incidents.count == 2)
            }
        }
    }

    @Test func acknowledgingThreadsOnTheSlackMessageOfTheTrigger() async throws {
        try await SQLiteFixture.withStore(planner: AllRoutePlanner(channels: ["slack"])) { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                receiver.respond(.slackOK)
                let slack = ChannelSettings(name: "slack", kind: .slack(SlackSettings(
                    botToken: "xoxb-2", channel: "C2", apiURL: receiver.url("/api/")
                )))
                let dispatcher = dispatcher(store, receiver, clock: clock, extra: [slack])
                let result = try await store.ingest(SQLiteFixture.request(at: Self.start))
                #expect(await dispatcher.runOnce().sent == 1)
                _ = try await store.acknowledge(incidentID: result.incidentIDs[0], by: "dana", at: Self.start)
                _ = try await store.resolve(incidentID: result.incidentIDs[0], by: "dana", at: Self.start)
                #expect(await dispatcher.runOnce().sent == 1)
                #expect(await dispatcher.runOnce().sent == 1)
                let posts = receiver.requests(path: "/api/chat.postMessage").compactMap { $0.jsonObject() }
                #expect(posts.count == 3)
                #expect(posts[0]["thread_ts"] == nil)
                #expect(posts[1]["thread_ts"] as? String == "1700000000.000001")
                #expect(posts[2]["thread_ts"] as? String == "1700000000.000001")
            }
        }
    }

    @Test func concurrencyLimitHoldsOnTheRealStore() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                for number in 1...9 {
                    _ = try await store.ingest(SQLiteFixture.request(service: "svc-\(number)", at: Self.start))
                }
                receiver.respond(.hang, path: "/hook")
                let dispatcher = dispatcher(store, receiver, clock: clock, concurrency: 3)
                let batch = Task { await dispatcher.runOnce() }
                for round in 1...3 {
                    try await receiver.waitUntil { $0.hangingCount == 3 }
                    #expect(receiver.requests(path: "/hook").count == 3 * round)
                    receiver.release()
                }
                #expect(await batch.value.sent == 9)
                #expect(receiver.maxInFlight(path: "/hook") == 3)
            }
        }
    }

    @Test func aStormIsSentAsOneDigestListingItsIncidents() async throws {
        try await SQLiteFixture.withStore(planner: AllRoutePlanner(stormLimit: 1)) { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                for number in 1...4 {
                    _ = try await store.ingest(SQLiteFixture.request(service: "svc-\(number)", at: Self.start))
                }
                let dispatcher = dispatcher(store, receiver, clock: clock)
                #expect(await dispatcher.runOnce().sent == 1, "the first incident goes alone")
                clock.advance(by: 60)
                #expect(await dispatcher.runOnce().sent == 1, "the rest go in one digest at the window's end")
                let bodies = receiver.requests(path: "/hook").compactMap { $0.jsonObject() }
                #expect(bodies.map { $0["type"] as? String } == ["incident.triggered", "incident.digest"])
                let digest = (bodies[1]["data"] as? [String: Any])?["digest"] as? [String: Any]
                let listed = (digest?["incidents"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
                #expect(listed == ["Queue backlog high on svc-2", "Queue backlog high on svc-3",
                                   "Queue backlog high on svc-4"])
                #expect(digest?["omitted"] as? Int == 0)
                #expect(try await store.deliveries(matching: DeliveryQuery(state: .held)).isEmpty)
            }
        }
    }

    @Test func shutdownAbandonsASendInFlightWithoutRecordingIt() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                _ = try await store.ingest(SQLiteFixture.request(at: Self.start))
                receiver.respond(.hang, path: "/hook")
                let dispatcher = dispatcher(store, receiver, clock: clock)
                let batch = Task { await dispatcher.runOnce() }
                try await receiver.waitUntil { $0.hangingCount == 1 }
                batch.cancel()
                #expect(await batch.value.abandoned == 1)
                let row = try #require(try await store.deliveries(matching: DeliveryQuery()).first)
                #expect(row.state == .pending && row.attempts == 0)
                #expect(try await store.attempts(deliveryID: row.id).isEmpty)
                receiver.comeBack()
                clock.advance(by: 61)
                #expect(await dispatcher.runOnce().sent == 1, "tried again once its lease ended")
            }
        }
    }

    @Test func aClaimCutShortIsSentAgainWithTheSameKeyAfterItsLease() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let clock = TestClock(Self.start)
                _ = try await store.ingest(SQLiteFixture.request(at: Self.start))
                let lost = try await store.claimDeliveries(limit: 10, now: Self.start, lease: 60)
                #expect(lost.count == 1, "a dispatcher claimed it, then died before recording anything")
                let dispatcher = dispatcher(store, receiver, clock: clock)
                #expect(await dispatcher.runOnce().claimed == 0)
                clock.advance(by: 61)
                #expect(await dispatcher.runOnce().sent == 1)
                #expect(receiver.requests(path: "/hook").first?.header("webhook-id") == lost[0].idempotencyKey)
            }
        }
    }
}
