import AsyncHTTPClient
import Foundation
import Logging
import MetricsTestKit
import RecordingReceiver
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookNotify

struct NotifyMetricsTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    @Test func aBatchCountsResultsByChannelTypeTimesSendsAndSetsTheBacklog() async throws {
        try await SQLiteFixture.withStore { store in
            try await withRecordingReceiver { receiver in
                let metrics = TestMetrics()
                let clock = TestClock(Self.start)
                for service in ["a", "b"] {
                    _ = try await store.ingest(SQLiteFixture.request(service: service, at: Self.start))
                }
                receiver.respondOnce([.status(502)], path: "/hook")
                let hook = ChannelSettings(name: "hook", kind: .webhook(WebhookSettings(url: receiver.url("/hook"))),
                                           concurrency: 1)
                let dispatcher = Dispatcher(
                    store: store, settings: NotificationSettings(channels: [hook]), library: TestLibrary.standard,
                    clock: clock, random: SeededGenerator(seed: 5), metrics: NotifyMetrics(factory: metrics),
                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
                )
                await dispatcher.runOnce()
                let sent = try metrics.expectCounter("runbook_deliveries_total",
                                                     [("channel_type", "webhook"), ("result", "sent")])
                let retried = try metrics.expectCounter("runbook_deliveries_total",
                                                        [("channel_type", "webhook"), ("result", "retried")])
                #expect(sent.totalValue == 1 && retried.totalValue == 1)
                let durations = try metrics.expectTimer("runbook_delivery_duration_seconds",
                                                        [("channel_type", "webhook")])
                #expect(durations.values.count == 2 && durations.values.allSatisfy { $0 > 0 })
                #expect(try metrics.expectCounter("runbook_dispatcher_loops_total").totalValue == 1)
                #expect(try metrics.expectGauge("runbook_outbox_pending").lastValue == 1)
                #expect(try metrics.expectGauge("runbook_outbox_retrying").lastValue == 1)
                #expect(try metrics.expectGauge("runbook_outbox_due").lastValue == 0)
                #expect(try metrics.expectGauge("runbook_outbox_dead").lastValue == 0)
                clock.advance(by: 120)
                let statistics = try await store.outboxStatistics(now: clock.now)
                NotifyMetrics(factory: metrics).outbox(statistics, now: clock.now)
                let age = try #require(try metrics.expectGauge("runbook_outbox_oldest_due_age_seconds").lastValue)
                #expect(age > 118 && age <= 120)
            }
        }
    }
}
