import Foundation
import NIOConcurrencyHelpers
import RunbookStore
import Testing

@testable import RunbookServer

struct HeartbeatCacheTests {
    /// Counts its runs; each run waits until the test opens the gate.
    final class CountingCheck: HeartbeatCheck {
        let name = "counting"
        let runs = NIOLockedValueBox(0)
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let open = NIOLockedValueBox<[CheckedContinuation<Void, Never>]?>([])

        func check() async throws -> String {
            runs.withLockedValue { $0 += 1 }
            startedContinuation.yield()
            await withCheckedContinuation { continuation in
                let waiting = open.withLockedValue { waiters -> Bool in
                    guard waiters != nil else { return false }
                    waiters?.append(continuation)
                    return true
                }
                if !waiting { continuation.resume() }
            }
            return "ran"
        }

        func release() {
            for waiter in open.withLockedValue({ waiters in defer { waiters = nil }; return waiters ?? [] }) {
                waiter.resume()
            }
        }
    }

    /// A clock the test moves.
    final class Instants: Sendable {
        private let box = NIOLockedValueBox(ContinuousClock.now)
        var now: ContinuousClock.Instant { box.withLockedValue { $0 } }
        func advance(by duration: Duration) { box.withLockedValue { $0 = $0.advanced(by: duration) } }
    }

    @Test
    func concurrentCallersShareOneRunOfTheChecks() async throws {
        let check = CountingCheck()
        let heartbeat = Heartbeat(checks: [check], interval: .seconds(2))
        let reports = await withTaskGroup(of: Heartbeat.Report.self) { group in
            for _ in 0..<50 {
                group.addTask { await heartbeat.run() }
            }
            var started = check.started.makeAsyncIterator()
            _ = await started.next()
            check.release()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.count == 50)
        #expect(reports.allSatisfy { $0.healthy })
        #expect(check.runs.withLockedValue { $0 } == 1)
    }

    @Test
    func theReportIsReusedWithinTheIntervalAndRecomputedAfter() async {
        let check = CountingCheck()
        check.release()
        let clock = Instants()
        let heartbeat = Heartbeat(checks: [check], interval: .seconds(2), now: { clock.now })
        _ = await heartbeat.run()
        clock.advance(by: .milliseconds(1_500))
        _ = await heartbeat.run()
        #expect(check.runs.withLockedValue { $0 } == 1)
        clock.advance(by: .milliseconds(600))
        _ = await heartbeat.run()
        #expect(check.runs.withLockedValue { $0 } == 2)
    }

    @Test
    func aCheckThatIgnoresCancellationIsNotStartedAgainUntilItReturns() async {
        let check = CountingCheck()
        let heartbeat = Heartbeat(checks: [check], timeout: .milliseconds(50))
        let first = await heartbeat.run()
        #expect(first.checks["counting"]?.detail.hasPrefix("no answer within") == true)
        let second = await heartbeat.run()
        #expect(second.checks["counting"]?.detail.contains("has not stopped") == true)
        #expect(check.runs.withLockedValue { $0 } == 1)
        check.release()
    }

    @Test
    func manyConcurrentCallersOnARealStoreGetNoFalseFailures() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-heartbeat-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("runbook.sqlite").path)
        // The timeout is long on purpose: this test is about callers racing each other, and one probe stalled past
        // the default 5 s (a busy disk's fsync while other tests run) would fail every caller after it.
        let heartbeat = Heartbeat(checks: [StoreHeartbeatCheck(store: store)], timeout: .seconds(120), interval: .zero)
        let failed = await withTaskGroup(of: Heartbeat.Report.self) { group in
            for _ in 0..<320 {
                group.addTask { await heartbeat.run() }
            }
            return await group.reduce(into: []) { if !$1.healthy { $0.append($1) } }
        }
        #expect(failed.isEmpty, "\(failed.count) of 320 unhealthy; the first: \(String(describing: failed.first))")
        try await store.close()
        let closed = await Heartbeat(checks: [StoreHeartbeatCheck(store: store)]).run()
        #expect(!closed.healthy)
    }
}
