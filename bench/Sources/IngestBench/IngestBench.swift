import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import RunbookCore
import RunbookServer
import RunbookStore
import ServiceLifecycle

/// Starts a server on 127.0.0.1 with a fresh SQLite store (or the PostgreSQL given), then measures durable
/// ingestion over HTTP.
struct IngestBench {
    var options: IngestBenchOptions

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-bench-\(getpid())")
        // INGEST_BENCH_KEEP=1 keeps the SQLite store, to measure its size per alert (bench/README.md).
        let keep = ProcessInfo.processInfo.environment["INGEST_BENCH_KEEP"] == "1"
        defer {
            if keep {
                print("store kept in \(folder.path)")
            } else {
                try? FileManager.default.removeItem(at: folder)
            }
        }
        var configuration = ServerConfiguration()
        configuration.listen = ListenAddress(host: "127.0.0.1", port: 0)
        configuration.dataDirectory = folder.path
        configuration.runbookFolders = ["examples/runbooks"]
        configuration.libraryPollInterval = .seconds(0)
        if let database = options.database {
            configuration.database = try PostgresLocation(url: database)
        }
        let store = try await configuration.openStore()
        let holder = LibraryHolder()
        let source = FolderRunbookSource(folders: RunbookFolders(paths: configuration.runbookFolders))
        _ = holder.replace(with: try source.load())
        let issued = try await store.addIntegration(name: "bench", source: .alertmanager, at: Date())

        let port = PortBox()
        let logger = Self.logger()
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
            let engine = configuration.database.map { "PostgreSQL \($0)" } ?? "SQLite WAL, synchronous=FULL"
            print("server pid \(getpid()); machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; "
                + "load average \(Self.loadAverage()); \(engine); senders in a child process")
            print(RunRow.header)
            for run in options.runs {
                var child = SenderRun(kind: run == .paced ? .paced : .saturate)
                child.url = url
                child.token = issued.secret
                let row = try await measure(run, child)
                print(row.text)
                print(row.slowest)
            }
            let statistics = await store.ingestStatistics()
            print("group commit: \(statistics.requests) requests in \(statistics.transactions) transactions "
                + "(largest batch \(statistics.largestBatch))")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try await store.close()
    }

    /// Makes one run in a sender process and measures the server's CPU time around it.
    private func measure(_ run: IngestBenchOptions.Run, _ template: SenderRun) async throws -> RunRow {
        var child = template
        let name: String
        switch run {
        case .single:
            (child.first, child.requests, child.alertsPerRequest, child.senders) =
                (0, options.singleRequests, 1, options.senders)
            name = "1-alert requests, \(options.senders) senders"
        case .batch:
            let senders = max(1, options.senders / 4)
            (child.first, child.requests, child.alertsPerRequest, child.senders) =
                (5_000_000, options.batchRequests, 100, senders)
            name = "100-alert requests, \(senders) senders"
        case .paced:
            (child.first, child.rate, child.seconds, child.senders) =
                (10_000_000, options.rate, options.seconds, options.senders)
            name = "paced \(options.rate) alerts/s, 1-alert requests"
        }
        let (server, sender) = (CPUTime.process(), CPUTime.children())
        let result = try await child.spawn()
        return RunRow(name: name, result: result, serverCPU: CPUTime.process() - server,
                      senderCPU: CPUTime.children() - sender, loadAverage: Self.loadAverage())
    }

    /// The server's logger as `runbook serve` has it by default (JSON lines at info, one per request), writing to
    /// `/dev/null`: the lines are formatted and written as in production, without filling a disk.
    static func logger() -> Logger {
        let output = LogOutput.fileDescriptor(open("/dev/null", O_WRONLY))
        return Logger(label: "runbook") { label in RunbookLogHandler(label: label, format: .json, output: output) }
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
