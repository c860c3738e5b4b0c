import Logging
import NIOConcurrencyHelpers
import Testing

@testable import RunbookServer

/// The open-incident gauge is counted at scrape time, and a scrape never waits long on a count.
struct OpenIncidentGaugeTests {
    @Test
    func aCountSetsTheGauge() async {
        let exporter = MetricsExporter()
        let gauge = OpenIncidentGauge(
            count: { 7 }, metrics: RunbookMetrics(factory: exporter.factory), logger: Logger(label: "test"))
        await gauge.update()
        #expect(await Self.value(exporter, becomes: 7) == 7)
    }

    /// Nothing here is timed: were `update()` to wait for the count, the scrapes would wait for a gate that is opened
    /// only after they returned, and the test would hang until its time limit.
    @Test(.timeLimit(.minutes(1)))
    func aScrapeDoesNotWaitForACountThatHangs() async {
        let exporter = MetricsExporter()
        let starts = NIOLockedValueBox(0)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let gauge = OpenIncidentGauge(
            count: {
                starts.withLockedValue { $0 += 1 }
                for await _ in gate { break }
                return 99
            },
            metrics: RunbookMetrics(factory: exporter.factory), logger: Logger(label: "test"), wait: .milliseconds(100))
        // Both scrapes answer while the count hangs, and the second starts no count of its own.
        await gauge.update()
        await gauge.update()
        let deadline = ContinuousClock.now + .seconds(30)
        while starts.withLockedValue({ $0 }) == 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        // Time for a second count to start, were one started.
        try? await Task.sleep(for: .milliseconds(200))
        #expect(starts.withLockedValue { $0 } == 1)
        #expect(Self.value(exporter) != 99)

        // The count goes on and sets the gauge once it returns.
        open.yield()
        #expect(await Self.value(exporter, becomes: 99) == 99)
    }

    @Test
    func aFailedCountKeepsTheLastFigure() async {
        struct Unreachable: Error {}
        let exporter = MetricsExporter()
        let fails = NIOLockedValueBox(false)
        let gauge = OpenIncidentGauge(
            count: {
                if fails.withLockedValue({ $0 }) { throw Unreachable() }
                return 3
            },
            metrics: RunbookMetrics(factory: exporter.factory), logger: Logger(label: "test"))
        await gauge.update()
        #expect(await Self.value(exporter, becomes: 3) == 3)
        fails.withLockedValue { $0 = true }
        await gauge.update()
        #expect(Self.value(exporter) == 3)
    }

    /// The gauge's value once it is `expected`, or the last read after 30 s: a scrape waits for its count for a
    /// while only, and a loaded machine can take longer to count.
    private static func value(_ exporter: MetricsExporter, becomes expected: Double) async -> Double? {
        let deadline = ContinuousClock.now + .seconds(30)
        while value(exporter) != expected, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return value(exporter)
    }

    /// The gauge's value in the exporter's text.
    private static func value(_ exporter: MetricsExporter) -> Double? {
        MetricsText.value(of: "runbook_incidents_open", in: exporter.render())
    }
}
