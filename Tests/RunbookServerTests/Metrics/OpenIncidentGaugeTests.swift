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
        #expect(Self.value(exporter) == 7)
    }

    @Test(.timeLimit(.minutes(1)))
    func aScrapeDoesNotWaitForACountThatHangs() async {
        let exporter = MetricsExporter()
        let starts = NIOLockedValueBox(0)
        let hanging = NIOLockedValueBox(false)
        let gauge = OpenIncidentGauge(
            count: {
                let hang = starts.withLockedValue { count in
                    count += 1
                    return hanging.withLockedValue { $0 }
                }
                if hang { try await Task.sleep(for: .seconds(3)) }
                return hang ? 99 : 4
            },
            metrics: RunbookMetrics(factory: exporter.factory), logger: Logger(label: "test"), wait: .milliseconds(100))
        await gauge.update()
        #expect(Self.value(exporter) == 4)

        hanging.withLockedValue { $0 = true }
        let started = ContinuousClock.now
        await gauge.update()
        await gauge.update()
        // Both scrapes answered with the last figure long before the count returned, and the second started none.
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(Self.value(exporter) == 4)
        #expect(starts.withLockedValue { $0 } == 2)

        // The count goes on and sets the gauge when it returns.
        let deadline = ContinuousClock.now + .seconds(20)
        while Self.value(exporter) != 99, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        #expect(Self.value(exporter) == 99)
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
        fails.withLockedValue { $0 = true }
        await gauge.update()
        #expect(Self.value(exporter) == 3)
    }

    /// The gauge's value in the exporter's text.
    private static func value(_ exporter: MetricsExporter) -> Double? {
        let line = exporter.render().split(separator: "\n").first { $0.hasPrefix("runbook_incidents_open ") }
        return line.flatMap { Double($0.dropFirst("runbook_incidents_open ".count)) }
    }
}
