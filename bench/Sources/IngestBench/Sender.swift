import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts Alertmanager webhook payloads to one ingestion URL and times the answers.
final class Sender: Sendable {
    let url: String
    let token: String
    let client: HTTPClient

    init(url: String, token: String, connections: Int) {
        self.url = url
        self.token = token
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        // A paced run queues requests for a connection while the server is behind: let them wait, and count it.
        configuration.timeout.connect = .seconds(60)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() throws {
        try client.syncShutdown()
    }

    /// Sends `requests` requests (numbered from `first`) from `senders` concurrent loops as fast as answers come back.
    func saturate(first: Int, requests: Int, alertsPerRequest: Int, senders: Int) async throws -> RunResult {
        let counter = Counter()
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<senders {
                group.addTask {
                    var mine: [Double] = []
                    while let sequence = counter.next(limit: requests) {
                        let begin = ContinuousClock.now
                        try await self.post(sequence: first + sequence, alerts: alertsPerRequest)
                        mine.append(Self.milliseconds(ContinuousClock.now - begin))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return RunResult(requests: requests, alerts: requests * alertsPerRequest,
                         seconds: Self.milliseconds(ContinuousClock.now - started) / 1_000, latencies: latencies)
    }

    /// Sends one 1-alert request every 1/rate seconds, on schedule whatever the answers; latency counts from the
    /// scheduled send time, so a slow answer cannot hide the requests queued behind it.
    func paced(first: Int, rate: Int, seconds: Int) async throws -> RunResult {
        let total = rate * seconds
        let interval = Duration.seconds(1) / rate
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: Double.self) { group in
            for index in 0..<total {
                let scheduled = started + interval * index
                try await Task.sleep(until: scheduled, clock: .continuous)
                group.addTask {
                    try await self.post(sequence: first + index, alerts: 1)
                    return Self.milliseconds(ContinuousClock.now - scheduled)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        return RunResult(requests: total, alerts: total,
                         seconds: Self.milliseconds(ContinuousClock.now - started) / 1_000, latencies: latencies)
    }

    private func post(sequence: Int, alerts: Int) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.body = .bytes(ByteBuffer(data: Payload.alertmanager(sequence: sequence, alerts: alerts)))
        let response = try await client.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .accepted else {
            throw BenchFailure("request \(sequence) answered \(response.status.code)")
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }
}

/// Hands out request numbers to concurrent senders until the limit.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next(limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
