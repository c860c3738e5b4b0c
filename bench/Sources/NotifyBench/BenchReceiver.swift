import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A webhook receiver on 127.0.0.1 that answers 200 at once and notes, per request, when it arrived, its
/// `webhook-id` and the `bench_seq` label its body carries.
final class BenchReceiver: Sendable {
    /// One request as it arrived.
    struct Arrival: Sendable {
        var at: ContinuousClock.Instant
        var key: String
        var sequence: Int?
    }

    let port: Int
    private let arrivals: ArrivalLog
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(port: Int, arrivals: ArrivalLog, group: ServiceGroup, running: Task<Void, any Error>) {
        self.port = port
        self.arrivals = arrivals
        self.group = group
        self.running = running
    }

    static func start() async throws -> BenchReceiver {
        let logger = Logger(label: "bench-receiver") { _ in SwiftLogNoOpLogHandler() }
        let arrivals = ArrivalLog()
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            let at = ContinuousClock.now
            let key = request.headers.first { $0.name.canonicalName == "webhook-id" }?.value ?? ""
            arrivals.append(Arrival(at: at, key: key, sequence: Self.sequence(in: String(buffer: body))))
            return .ok
        }
        let port = PortBox()
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { port.set($0.localAddress?.port ?? 0) }, logger: logger
        )
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let running = Task { try await group.run() }
        return BenchReceiver(port: try await port.wait(), arrivals: arrivals, group: group, running: running)
    }

    /// Every arrival so far.
    var all: [Arrival] { arrivals.snapshot() }

    /// How many distinct deliveries (by `webhook-id`) have arrived.
    var distinctCount: Int { arrivals.distinctCount }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }

    /// The value of the `bench_seq` label in a webhook body, wherever the body puts its labels.
    static func sequence(in body: String) -> Int? {
        guard let range = body.range(of: #""bench_seq":"#) else { return nil }
        let digits = body[range.upperBound...].drop { $0 == "\"" || $0 == " " }.prefix { $0.isNumber }
        return Int(digits)
    }
}

/// Arrivals behind a lock, with the distinct keys counted as they come.
final class ArrivalLog: @unchecked Sendable {
    private let lock = NSLock()
    private var arrivals: [BenchReceiver.Arrival] = []
    private var keys: Set<String> = []

    func append(_ arrival: BenchReceiver.Arrival) {
        lock.withLock {
            arrivals.append(arrival)
            keys.insert(arrival.key)
        }
    }

    func snapshot() -> [BenchReceiver.Arrival] {
        lock.withLock { arrivals }
    }

    var distinctCount: Int {
        lock.withLock { keys.count }
    }
}

/// The port a server bound, handed from its start-up callback.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?

    func set(_ value: Int) {
        lock.withLock { port = value }
    }

    func wait() async throws -> Int {
        for _ in 0..<3_000 {
            if let port = lock.withLock({ port }), port > 0 { return port }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw BenchFailure("the receiver did not start listening within 30 s")
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
