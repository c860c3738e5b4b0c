import Foundation
import RunbookCore
import RunbookStore

/// Times the SQLite store's ingest writer alone, without HTTP: `count` new alerts shaped like
/// `bench/load/alerts.lua`'s (see `DecodeBench.bodies`), decoded and matched beforehand, submitted to
/// `SQLiteStore.ingest` in requests of `batch` alerts by `writers` concurrent tasks, as the server's request handlers
/// submit them. The store is a real SQLite file (WAL, `synchronous=FULL`) in a temporary folder.
///
/// Reports the process's CPU µs per alert and alerts per second. Under `valgrind --tool=callgrind` the instruction
/// count of the whole run, less that of a run of a few alerts, gives the store's instructions per alert, a figure
/// that does not move with the machine's load (`bench/README.md`, "Ingest speed").
struct WriterBench {
    var count: Int
    var batch: Int
    var writers: Int
    /// Every alert under a key of its own, so that each opens an incident (the incident's insert, its opening
    /// events and its match set are written for every alert), as in the first minute of a storm of new alerts.
    /// Without it, the alerts fall under the few keys of `bench/load/alerts.lua` and join open incidents.
    var newKeys = false
    /// Every alert under one key, so that they all join one incident, as a fleet's hosts firing the same alert one
    /// request each (a Datadog or CloudWatch storm).
    var oneKey = false
    /// Fingerprints as Alertmanager computes them, a 64-bit hash of the labels in hex, so that each alert's dedup
    /// key falls anywhere in the indexes on it; without it they are the instances, which follow one another.
    var hashedFingerprints = false

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("writer-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("runbook.sqlite").path)
        let requests = try Self.requests(
            alerts: count, batch: batch, newKeys: newKeys, oneKey: oneKey, hashedFingerprints: hashedFingerprints)
        let cpu = Self.cpuTime()
        let writerCPU = Self.writerThreadsCPU()
        let wall = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let next = Counter()
            for _ in 0..<writers {
                group.addTask {
                    while let index = next.take(below: requests.count) {
                        _ = try await store.ingest(requests[index])
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = ContinuousClock.now - wall
        let used = Self.cpuTime() - cpu
        let writerUsed = Self.writerThreadsCPU() - writerCPU
        let elapsed = Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18
        let statistics = await store.ingestStatistics()
        let keys = (newKeys ? " of new keys" : oneKey ? " of one key" : "")
            + (hashedFingerprints ? " with hashed fingerprints" : "")
        print("\(count) new alerts\(keys) in requests of \(batch), \(writers) writers: "
            + String(format: "%.1f µs CPU per alert (%.1f on the writer), %.0f alerts/s",
                     used * 1e6 / Double(count), writerUsed * 1e6 / Double(count), Double(count) / elapsed)
            + " (\(statistics.requests) requests in \(statistics.transactions) transactions)")
    }

    /// The requests to submit: every alert decoded from the bodies `bench/load/alerts.lua` posts, keyed, with a
    /// match set per key as the ingest path computes them (three entries, four terms of evidence each).
    static func requests(
        alerts: Int, batch: Int, newKeys: Bool = false, oneKey: Bool = false, hashedFingerprints: Bool = false
    ) throws -> [IngestRequest] {
        let receivedAt = Date(timeIntervalSince1970: 1_764_000_000)
        var sets: [String: MatchSet] = [:]
        var made = 0
        let bodies = DecodeBench.bodies(alerts: alerts, batch: batch, hashedFingerprints: hashedFingerprints)
        return try bodies.map { body in
            let decoded = try AlertDecoder.decode(body, format: .alertmanager, receivedAt: receivedAt)
            let items = try decoded.map { alert in
                made += 1
                let key = oneKey ? "DiskUsageWarning fleet" : AlertKey.key(for: alert) + (newKeys ? " \(made)" : "")
                if sets[key] == nil {
                    sets[key] = try MatchSet(matches: matches(for: key), libraryRevision: "bench-revision")
                }
                return IngestAlert(alert: alert, key: key, matchSet: sets[key]!)
            }
            return IngestRequest(
                source: .alertmanager, integration: "bench", receivedAt: receivedAt,
                contentType: "application/json", payload: body, alerts: items)
        }
    }

    private static func matches(for key: String) -> [Match] {
        (1...3).map { rank in
            let evidence = ["alertname", "summary", "app", "severity"].map { field in
                Evidence(term: "\(key.lowercased())-\(field)", alertField: field, entryField: "title", weight: 1.5)
            }
            return Match(entry: "guide.md#\(key.lowercased())-\(rank)", title: "\(key) \(rank)",
                         score: 1.0 / Double(rank), evidence: evidence)
        }
    }

    /// CPU seconds of the threads GRDB's writer runs on: libdispatch's overcommit threads, which run the serial
    /// queue of the pool's writer (and nothing else in this benchmark); read from `/proc/self/task`.
    private static func writerThreadsCPU() -> Double {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        let ticks = tasks.reduce(0) { sum, task in
            let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            guard comm.contains("overcommit"),
                  let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { return sum }
            // Fields after the command's closing parenthesis: state is field 3, utime and stime fields 14 and 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return sum + (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
        }
        return Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private static func cpuTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Hands out request indexes to the writer tasks.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take(below limit: Int) -> Int? {
            lock.withLock {
                guard value < limit else { return nil }
                defer { value += 1 }
                return value
            }
        }
    }
}
