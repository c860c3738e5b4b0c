import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import RunbookCore
import RunbookStore

/// Runs the two notification figures against the real server binary: alert-to-delivery latency at a steady
/// alert rate, and how fast a full outbox drains to a local receiver.
struct NotifyBench {
    var options: NotifyBenchOptions

    func run() async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let receiver = try await BenchReceiver.start()
        do {
            print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; server: \(options.runbook)")
            print("webhook channel concurrency \(options.concurrency), dispatcher batch \(options.batch), "
                + "storm control off (limit 1000000)")
            print("")
            try await latency(client: client, receiver: receiver)
            print("")
            try await drain(client: client, receiver: receiver)
        } catch {
            await receiver.stop()
            try? await client.shutdown()
            throw error
        }
        await receiver.stop()
        try await client.shutdown()
    }

    /// Posts one alert (a new incident) every 1/rate seconds and times each from its scheduled send to the
    /// receiver having its message.
    private func latency(client: HTTPClient, receiver: BenchReceiver) async throws {
        let data = try Self.folder("latency")
        defer { try? FileManager.default.removeItem(at: data) }
        let token = try await Self.addIntegration(data: data)
        let server = try await ServerProcess.start(
            binary: options.runbook, data: data, receiverPort: receiver.port, options: options, client: client
        )
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/api/v1/ingest/alertmanager/bench"
        let total = options.rate * options.seconds
        let interval = Duration.seconds(1) / options.rate
        let loadBefore = Self.loadAverage()
        let started = ContinuousClock.now + .milliseconds(100)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sequence in 0..<total {
                try await Task.sleep(until: started + interval * sequence, clock: .continuous)
                group.addTask {
                    try await Self.post(client: client, url: url, token: token, sequence: sequence)
                }
            }
            try await group.waitForAll()
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while Set(receiver.all.compactMap(\.sequence)).count < total, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        var first: [Int: ContinuousClock.Instant] = [:]
        for arrival in receiver.all {
            guard let sequence = arrival.sequence, sequence < total else { continue }
            first[sequence] = min(first[sequence] ?? arrival.at, arrival.at)
        }
        let latencies = first.map { sequence, at in Self.milliseconds(at - (started + interval * sequence)) }.sorted()
        print("alert-to-delivery latency, \(options.rate) alerts/s for \(options.seconds) s "
            + "(load average before \(loadBefore), after \(Self.loadAverage())):")
        let slow = first.filter { Self.milliseconds($0.value - (started + interval * $0.key)) > 250 }.keys.sorted()
        print("| alerts | delivered | p50 ms | p90 ms | p99 ms | max ms | over 250 ms |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        print("| \(total) | \(latencies.count) | \(Self.format(Self.percentile(latencies, 0.5))) | "
            + "\(Self.format(Self.percentile(latencies, 0.9))) | \(Self.format(Self.percentile(latencies, 0.99))) | "
            + "\(Self.format(latencies.last ?? 0)) | \(slow.count) |")
        let windows = stride(from: 0, to: options.seconds, by: 10).map { start -> String in
            let window = first.filter { $0.key >= start * options.rate && $0.key < (start + 10) * options.rate }
                .map { Self.milliseconds($0.value - (started + interval * $0.key)) }.sorted()
            return "\(start)–\(min(options.seconds, start + 10)) s: p50 \(Self.format(Self.percentile(window, 0.5))) "
                + "p99 \(Self.format(Self.percentile(window, 0.99)))"
        }
        print("by 10 s window (ms): " + windows.joined(separator: "; "))
        if let firstSlow = slow.first, let lastSlow = slow.last {
            print("alerts over 250 ms were sent from \(Self.format(Double(firstSlow) / Double(options.rate), 2)) s "
                + "to \(Self.format(Double(lastSlow) / Double(options.rate), 2)) s into the run")
        }
    }

    /// Queues `drain` deliveries with the server down, starts it, and times until the receiver has them all.
    private func drain(client: HTTPClient, receiver: BenchReceiver) async throws {
        let data = try Self.folder("drain")
        defer { try? FileManager.default.removeItem(at: data) }
        try await Self.fillOutbox(data: data, count: options.drain)
        let before = receiver.distinctCount
        let arrivalsBefore = receiver.all.count
        let loadBefore = Self.loadAverage()
        let launched = ContinuousClock.now
        let server = try await ServerProcess.start(
            binary: options.runbook, data: data, receiverPort: receiver.port, options: options, client: client
        )
        let deadline = ContinuousClock.now + .seconds(600)
        while receiver.distinctCount < before + options.drain, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let arrivals = receiver.all.dropFirst(arrivalsBefore)
        server.stop()
        let delivered = receiver.distinctCount - before
        guard let firstAt = arrivals.first?.at, let lastAt = arrivals.last?.at else {
            throw BenchFailure("no delivery arrived")
        }
        let seconds = Self.milliseconds(lastAt - firstAt) / 1_000
        let withStart = Self.milliseconds(lastAt - launched) / 1_000
        let left = try await Self.pendingLeft(data: data)
        print("outbox drain, \(options.drain) deliveries queued before start "
            + "(load average before \(loadBefore), after \(Self.loadAverage())):")
        print("| queued | delivered | requests | seconds (first to last) | deliveries/s | seconds from launch | "
            + "pending left |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        print("| \(options.drain) | \(delivered) | \(arrivals.count) | \(Self.format(seconds, 2)) | "
            + "\(Self.format(Double(delivered) / seconds, 0)) | \(Self.format(withStart, 2)) | \(left) |")
    }

    /// Plans one triggered delivery on `hook` for every opened incident, as the server's planner would with
    /// one default route and storm control off.
    struct HookPlanner: DeliveryPlanning {
        func plan(_ change: IncidentChange, context: PlanningContext) -> NotificationPlan {
            guard change.kind == .opened else { return .none }
            return NotificationPlan(deliveries: [
                PlannedDelivery(route: "default", channel: "hook", kind: .triggered, dueAt: change.at),
            ])
        }
    }

    /// Stores `count` alerts, each opening its own incident, through the store (and so through the outbox).
    static func fillOutbox(data: URL, count: Int) async throws {
        let store = try SQLiteStore(
            path: data.appendingPathComponent("runbook.sqlite").path,
            configuration: StoreConfiguration(planner: HookPlanner())
        )
        try await fillOutbox(store: store, count: count)
    }

    /// `NotifyBench fill --database URL-OR-FILE --count N`: plans `count` deliveries on the channel `hook` in a
    /// PostgreSQL database (a `postgres://` URL) or an SQLite file, as `fillOutbox` does, for bench/postgres/run to
    /// drain with nodes of its own; prints `{"queued": N}`.
    static func fill(database: String, count: Int) async throws {
        let configuration = StoreConfiguration(planner: HookPlanner())
        let store: any Store = if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            try await PostgresStore.open(
                PostgresLocation(url: database), configuration: configuration, writeDeadline: .seconds(600),
                logger: Logger(label: "notify-bench.fill"))
        } else {
            try SQLiteStore(path: database, configuration: configuration)
        }
        try await fillOutbox(store: store, count: count)
        print("{\"queued\": \(count)}")
    }

    /// Stores `count` alerts through `store` (planning one delivery each), checks they are pending, closes it.
    static func fillOutbox(store: any Store, count: Int) async throws {
        let at = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for start in stride(from: 0, to: count, by: 100) {
                group.addTask {
                    let alerts = (start..<min(count, start + 100)).map { sequence in
                        let labels = ["alertname": "DiskUsageWarning", "instance": "node-\(sequence)",
                                      "bench_seq": "\(sequence)"]
                        let alert = Alert(
                            source: .alertmanager, labels: labels, title: "DiskUsageWarning node-\(sequence)",
                            dedupKey: "drain-\(sequence)", groupKey: "drain-\(sequence)"
                        )
                        return IngestAlert(alert: alert, key: "DiskUsageWarning")
                    }
                    _ = try await store.ingest(IngestRequest(
                        source: .alertmanager, integration: "bench", receivedAt: at, payload: Data("{}".utf8),
                        alerts: alerts
                    ))
                }
            }
            try await group.waitForAll()
        }
        let statistics = try await store.outboxStatistics(now: Date())
        try await store.close()
        guard statistics.pending == count else {
            throw BenchFailure("queued \(statistics.pending) deliveries, not \(count)")
        }
    }

    static func pendingLeft(data: URL) async throws -> Int {
        let store = try SQLiteStore(path: data.appendingPathComponent("runbook.sqlite").path)
        let statistics = try await store.outboxStatistics(now: Date())
        try await store.close()
        return statistics.pending
    }

    static func addIntegration(data: URL) async throws -> String {
        let store = try SQLiteStore(path: data.appendingPathComponent("runbook.sqlite").path)
        let issued = try await store.addIntegration(name: "bench", source: .alertmanager, at: Date())
        try await store.close()
        return issued.secret
    }

    static func post(client: HTTPClient, url: String, token: String, sequence: Int) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let body = """
            {"version":"4","groupKey":"{}:{bench_seq=\\"\(sequence)\\"}","status":"firing","receiver":"runbook",\
            "alerts":[{"status":"firing","labels":{"alertname":"DiskUsageWarning","instance":"node-\(sequence)",\
            "bench_seq":"\(sequence)"},"annotations":{"summary":"disk on node-\(sequence)"},\
            "startsAt":"2026-11-26T20:00:00Z","fingerprint":"bench-\(sequence)"}]}
            """
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .accepted else {
            throw BenchFailure("alert \(sequence) answered \(response.status.code)")
        }
    }

    static func folder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-bench-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    static func format(_ value: Double, _ decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
