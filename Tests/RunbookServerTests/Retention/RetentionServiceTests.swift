import Foundation
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

struct RetentionServiceTests {
    static let now = Date(timeIntervalSince1970: 1_760_000_000)

    /// A store holding one incident resolved `daysAgo` for each value, and one open incident.
    private static func store(resolvedDaysAgo days: [Double]) async throws -> (SQLiteStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-ret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("runbook.sqlite").path)
        for (number, age) in (days + [365]).enumerated() {
            let name = "Alert\(number)"
            let alert = Alert(source: .generic, labels: ["alertname": name], title: name, dedupKey: name)
            let at = now.addingTimeInterval(-(age + 1) * 86_400)
            let result = try await store.ingest(IngestRequest(
                source: .generic, receivedAt: at, payload: Data("{}".utf8),
                alerts: [IngestAlert(alert: alert, key: name)]
            ))
            if number < days.count, let id = result.incidentIDs.first {
                _ = try await store.resolve(incidentID: id, by: "ana", at: now.addingTimeInterval(-age * 86_400))
            }
        }
        return (store, folder)
    }

    @Test
    func pruneDeletesOnlyWhatWasResolvedBeforeTheAge() async throws {
        let (store, folder) = try await Self.store(resolvedDaysAgo: [100, 10])
        defer { try? FileManager.default.removeItem(at: folder) }
        let capture = LogCapture()
        let service = RetentionService(
            store: store, age: .seconds(90 * 86_400), interval: .seconds(86_400), clock: ManualClock(),
            logger: capture.logger(), now: { Self.now }
        )
        let result = try await service.prune()
        #expect(result.incidents == 1)
        let left = try await store.incidents(matching: IncidentQuery(limit: 100)).incidents
        #expect(left.count == 2)
        #expect(left.contains { $0.state.isOpen })
        let line = try #require(capture.objects.first { $0["type"] as? String == "retention.pruned" })
        let fields = try #require(line["fields"] as? [String: Any])
        #expect(fields["retention.incidents"].map { "\($0)" } == "1")
        try await store.close()
    }

    @Test
    func pruneDeletesExpiredConsoleSessionsWhateverTheAge() async throws {
        let (store, folder) = try await Self.store(resolvedDaysAgo: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        for (hash, hours) in [("expired", -1.0), ("live", 1.0)] {
            try await store.addConsoleSession(ConsoleSessionRecord(
                idHash: hash, name: "ana", role: .viewer, expiresAt: Self.now.addingTimeInterval(hours * 3600)))
        }
        let capture = LogCapture()
        let service = RetentionService(
            store: store, age: .seconds(90 * 86_400), interval: .seconds(86_400), clock: ManualClock(),
            logger: capture.logger(), now: { Self.now }
        )
        try await service.prune()
        #expect(try await store.consoleSession(idHash: "expired", at: Self.now.addingTimeInterval(-7200),
                                               renewUntil: Self.now) == nil)
        #expect(try await store.consoleSession(idHash: "live", at: Self.now, renewUntil: Self.now) != nil)
        let line = try #require(capture.objects.first { $0["type"] as? String == "retention.pruned" })
        let fields = try #require(line["fields"] as? [String: Any])
        #expect(fields["retention.console_sessions"].map { "\($0)" } == "1")
        try await store.close()
    }

    @Test
    func theJobPrunesOncePerIntervalOfItsClock() async throws {
        let (store, folder) = try await Self.store(resolvedDaysAgo: [100])
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let service = RetentionService(
            store: store, age: .seconds(90 * 86_400), interval: .seconds(86_400), clock: clock,
            logger: LogCapture().logger(), now: { Self.now }
        )
        var sleeps = clock.sleepers.makeAsyncIterator()
        let job = Task { try await service.run() }
        let first = await sleeps.next()
        #expect(first?.offset == .seconds(86_400))
        #expect(try await store.incidents(matching: IncidentQuery(limit: 100)).incidents.count == 2)
        clock.advance(by: .seconds(86_400))
        let second = await sleeps.next()
        #expect(second?.offset == .seconds(2 * 86_400))
        #expect(try await store.incidents(matching: IncidentQuery(limit: 100)).incidents.count == 1)
        job.cancel()
        clock.cancelAll()
        _ = await job.result
        try await store.close()
    }

    @Test
    func theServerSchedulesTheJobOnlyWithAStoreAndAnInterval() async throws {
        let (store, folder) = try await Self.store(resolvedDaysAgo: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let logger = LogCapture().logger()
        var configuration = ServerConfiguration()
        #expect(RetentionService.scheduled(configuration: configuration, store: store, logger: logger).count == 1)
        #expect(RetentionService.scheduled(configuration: configuration, store: nil, logger: logger).isEmpty)
        configuration.retentionInterval = .zero
        #expect(RetentionService.scheduled(configuration: configuration, store: store, logger: logger).isEmpty)
        try await store.close()
    }
}
