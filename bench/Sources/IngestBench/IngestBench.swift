import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import RunbookCore
import RunbookServer
import RunbookStore
import ServiceLifecycle

/// Starts a server on 127.0.0.1 with a fresh SQLite store, then measures durable ingestion over HTTP.
struct IngestBench {
    var options: IngestBenchOptions

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServerConfiguration()
        configuration.listen = ListenAddress(host: "127.0.0.1", port: 0)
        configuration.dataDirectory = folder.path
        configuration.runbookFolders = ["examples/runbooks"]
        configuration.libraryPollInterval = .seconds(0)
        let store = try configuration.openStore()
        let holder = LibraryHolder()
        let source = FolderRunbookSource(folders: RunbookFolders(paths: configuration.runbookFolders))
        _ = holder.replace(with: try source.load())
        let issued = try await store.addIntegration(name: "bench", source: .alertmanager, at: Date())

        let port = PortBox()
        var logger = Logger(label: "ingest-bench")
        logger.logLevel = .error
        let dependencies = ServerDependencies(
            logger: logger, library: holder, store: store,
            onServerRunning: { channel in port.set(channel.localAddress?.port ?? 0) }
        )
        let app = buildApplication(configuration: configuration, dependencies: dependencies)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let bound = try await port.wait()
            let url = "http://127.0.0.1:\(bound)" + IngestURL.path(integration: "bench", source: .alertmanager)
            let sender = Sender(url: url, token: issued.secret, connections: options.senders)
            defer { try? sender.shutdown() }
            print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; "
                + "load average \(Self.loadAverage()); SQLite WAL, synchronous=FULL")
            print("| run | requests | alerts | seconds | alerts/s | p50 ms | p99 ms |")
            print("|---|---:|---:|---:|---:|---:|---:|")
            let single = try await sender.saturate(requests: options.singleRequests, alertsPerRequest: 1,
                                                   senders: options.senders)
            print(single.row("1-alert requests, \(options.senders) senders"))
            let batches = try await sender.saturate(requests: options.batchRequests, alertsPerRequest: 100,
                                                    senders: max(1, options.senders / 4))
            print(batches.row("100-alert requests, \(max(1, options.senders / 4)) senders"))
            let paced = try await sender.paced(rate: options.rate, seconds: options.seconds)
            print(paced.row("paced \(options.rate) alerts/s, 1-alert requests"))
            let statistics = await store.ingestStatistics()
            print("group commit: \(statistics.requests) requests in \(statistics.transactions) transactions "
                + "(largest batch \(statistics.largestBatch))")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try await store.close()
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }
}

/// The port the server bound, handed from its start-up callback to the benchmark.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?

    func set(_ value: Int) {
        lock.withLock { port = value }
    }

    func wait() async throws -> Int {
        for _ in 0..<3_000 {
            if let port = lock.withLock({ port }) { return port }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw BenchFailure("the server did not start listening within 30 s")
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
