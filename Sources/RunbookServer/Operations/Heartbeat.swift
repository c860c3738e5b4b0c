import NIOConcurrencyHelpers

/// Runs every registered `HeartbeatCheck` at once, each bounded by a timeout, and reports each result.
///
/// The report is computed at most once per `interval`: callers within it get the last report, and callers
/// arriving while it is computed wait for that same computation. So a flood of `/__heartbeat__` (which needs no
/// credentials) costs one run of the checks per interval, and concurrent callers never race each other's
/// probes. A check still running after `timeout` is cancelled and reported as failed; while a cancelled check
/// has not yet returned, it is not started again but reported as still stuck.
public struct Heartbeat: Sendable {
    /// The result of one check.
    public struct Result: Codable, Sendable, Equatable {
        /// `ok` or `failed`.
        public var status: String
        public var detail: String
    }

    /// The whole report: `ok` only when every check is.
    public struct Report: Codable, Sendable, Equatable {
        public var status: String
        public var checks: [String: Result]

        /// Whether every check passed.
        public var healthy: Bool { status == "ok" }
    }

    let checks: [any HeartbeatCheck]
    let timeout: Duration
    let interval: Duration
    private let cache: HeartbeatCache
    private let running = NIOLockedValueBox<Set<String>>([])

    /// A heartbeat over `checks`: run at most once per `interval` (zero: on every call), a check still running
    /// after `timeout` fails. `now` is the clock the interval is measured on.
    public init(
        checks: [any HeartbeatCheck], timeout: Duration = .seconds(5), interval: Duration = .zero,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.checks = checks
        self.timeout = timeout
        self.interval = interval
        cache = HeartbeatCache(interval: interval, now: now)
    }

    /// The last report if it is younger than `interval`, else a fresh one shared with concurrent callers.
    public func run() async -> Report {
        await cache.report { await measure() }
    }

    /// Runs the checks concurrently, now.
    func measure() async -> Report {
        let results = await withTaskGroup(of: (String, Result).self) { group in
            for check in checks {
                group.addTask {
                    (check.name, await run(check))
                }
            }
            var results: [String: Result] = [:]
            for await (name, result) in group {
                results[name] = result
            }
            return results
        }
        let healthy = results.values.allSatisfy { $0.status == "ok" }
        return Report(status: healthy ? "ok" : "failed", checks: results)
    }

    /// The check's result, or a failure once `timeout` passes; the check is then cancelled and abandoned, and
    /// not started again until it has returned.
    private func run(_ check: any HeartbeatCheck) async -> Result {
        let name = check.name
        guard running.withLockedValue({ $0.insert(name).inserted }) else {
            return Result(status: "failed", detail: "an earlier run timed out and has not stopped yet")
        }
        let (results, continuation) = AsyncStream<Result>.makeStream()
        let running = running
        let work = Task {
            defer { running.withLockedValue { _ = $0.remove(name) } }
            do {
                continuation.yield(Result(status: "ok", detail: try await check.check()))
            } catch is CancellationError {
                continuation.yield(Result(status: "failed", detail: "cancelled"))
            } catch {
                continuation.yield(Result(status: "failed", detail: String(describing: error)))
            }
        }
        let timeout = timeout
        let timer = Task {
            try await Task.sleep(for: timeout)
            continuation.yield(Result(status: "failed", detail: "no answer within \(timeout); cancelled"))
        }
        var iterator = results.makeAsyncIterator()
        let first = await iterator.next()
        work.cancel()
        timer.cancel()
        continuation.finish()
        return first ?? Result(status: "failed", detail: "cancelled")
    }
}
