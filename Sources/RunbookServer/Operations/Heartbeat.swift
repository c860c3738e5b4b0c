/// Runs every registered `HeartbeatCheck` at once, each bounded by a timeout, and reports each result.
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

    /// A heartbeat over `checks`; a check still running after `timeout` fails.
    public init(checks: [any HeartbeatCheck], timeout: Duration = .seconds(5)) {
        self.checks = checks
        self.timeout = timeout
    }

    /// Runs the checks concurrently.
    public func run() async -> Report {
        let timeout = timeout
        let results = await withTaskGroup(of: (String, Result).self) { group in
            for check in checks {
                group.addTask {
                    (check.name, await Self.run(check, timeout: timeout))
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

    /// The check's result, or a failure once `timeout` passes, even if the check ignores cancellation.
    private static func run(_ check: any HeartbeatCheck, timeout: Duration) async -> Result {
        let (results, continuation) = AsyncStream<Result>.makeStream()
        let work = Task {
            do {
                continuation.yield(Result(status: "ok", detail: try await check.check()))
            } catch {
                continuation.yield(Result(status: "failed", detail: String(describing: error)))
            }
        }
        let timer = Task {
            try await Task.sleep(for: timeout)
            continuation.yield(Result(status: "failed", detail: "no answer within \(timeout)"))
        }
        var iterator = results.makeAsyncIterator()
        let first = await iterator.next()
        work.cancel()
        timer.cancel()
        continuation.finish()
        return first ?? Result(status: "failed", detail: "cancelled")
    }
}
