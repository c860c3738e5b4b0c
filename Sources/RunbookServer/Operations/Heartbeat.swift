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

    private static func run(_ check: any HeartbeatCheck, timeout: Duration) async -> Result {
        await withTaskGroup(of: Result?.self) { group in
            group.addTask {
                do {
                    return Result(status: "ok", detail: try await check.check())
                } catch {
                    return Result(status: "failed", detail: String(describing: error))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : Result(status: "failed", detail: "no answer within \(timeout)")
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? Result(status: "failed", detail: "cancelled")
        }
    }
}
