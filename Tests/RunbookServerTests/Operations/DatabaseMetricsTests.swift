import Foundation
import Logging
import RunbookStore
import Testing

@testable import RunbookServer

/// `DatabaseMetrics` as `/metrics` prints them.
struct DatabaseMetricsTests {
    /// The value of the line for `series` in `text`, if there is one.
    static func value(of series: String, in text: String) -> Double? {
        text.split(separator: "\n").lazy.compactMap { line -> Double? in
            guard line.hasPrefix(series + " ") else { return nil }
            return Double(line.dropFirst(series.count + 1))
        }.first
    }

    @Test
    func sessionsAreCountedByStateWithTheRareStatesAsOtherAndAGoneStateAsZero() {
        let exporter = MetricsExporter()
        let metrics = DatabaseMetrics(factory: exporter.factory)
        metrics.record(DatabaseSample(
            sessions: ["active": 3, "idle": 2, "idle in transaction": 1, "fastpath function call": 1, "disabled": 1],
            roundTrip: .milliseconds(4)))
        var text = exporter.render()
        #expect(Self.value(of: #"runbook_db_sessions{state="active"}"#, in: text) == 3)
        #expect(Self.value(of: #"runbook_db_sessions{state="idle"}"#, in: text) == 2)
        #expect(Self.value(of: #"runbook_db_sessions{state="idle_in_transaction"}"#, in: text) == 1)
        #expect(Self.value(of: #"runbook_db_sessions{state="other"}"#, in: text) == 2)
        metrics.record(DatabaseSample(sessions: ["active": 1], roundTrip: .milliseconds(30)))
        text = exporter.render()
        #expect(Self.value(of: #"runbook_db_sessions{state="idle"}"#, in: text) == 0)
        #expect(Self.value(of: "runbook_db_probe_seconds_count", in: text) == 2)
        #expect(Self.value(of: #"runbook_db_probe_seconds_bucket{le="0.005"}"#, in: text) == 1)
    }

    struct Unreachable: DatabaseSampling {
        struct Refused: Error {}
        func sampleDatabase() async throws -> DatabaseSample { throw Refused() }
    }

    @Test
    func aFailedSampleIsCounted() async {
        let exporter = MetricsExporter()
        let service = DatabaseMetricsService(
            database: Unreachable(), metrics: DatabaseMetrics(factory: exporter.factory), interval: .seconds(15),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        await service.sampleOnce()
        await service.sampleOnce()
        #expect(Self.value(of: "runbook_db_probe_failures_total", in: exporter.render()) == 2)
    }
}
