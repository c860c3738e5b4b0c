import Foundation
import RunbookCore

/// Times building alert keys and match queries for new alerts shaped like `bench/load/alerts.lua`'s (every alert
/// new: a unique `instance` and summary; alertname one of 4, app one of 50), decoded from Alertmanager webhook
/// bodies of 100 alerts, and the full match of each against the examples library.
///
/// `--dump FILE` writes instead the key and the whole query of every alert the development cases decode to, of an
/// alert made from every entry title of the public corpora, of tricky texts and of the first generated alerts:
/// a change to query building that should change nothing must leave it identical.
struct QueryBench {
    var count: Int
    var dumpPath: String?
    /// Builds each key and query once, then each key, input and prepared match once against the examples library,
    /// and prints nothing else: for `valgrind --tool=callgrind --collect-atstart=no
    /// --toggle-collect='*keysAndQueries*'` (or `'*preparedAll*'`), which counts that function alone.
    var once = false

    static let alertNames = ["DiskUsageWarning", "HighLatency", "PodCrashLooping", "ReplicationLag"]

    func run() throws {
        let alerts = try Self.generated(count)
        if let dumpPath {
            try Data(dump(generated: Array(alerts.prefix(400))).utf8).write(to: URL(fileURLWithPath: dumpPath))
            return
        }
        let library = Library(folders: [LibraryFolder(name: "runbooks", files: Corpus.files(in: Self.examples))])
        let index = MatchIndex(library: library)
        if once {
            // Alerts of their own for each function: the first meets the memos of short texts cold, as the server
            // does a new alert, and would leave them warm for the second.
            let others = try Self.generated(2 * count).suffix(count)
            print("checksum \(keysAndQueries(alerts)) \(preparedAll(Array(others), index: index))")
            return
        }
        print("\(alerts.count) new alerts, examples library of \(index.entryCount) entries")
        print("phase              µs/alert (CPU of this thread, best of 3)")
        var terms = 0
        let keyTime = best { for alert in alerts { terms &+= AlertKey.key(for: alert).utf8.count } }
        let keys = alerts.map { AlertKey.key(for: $0) }
        let queryTime = best {
            for (alert, key) in zip(alerts, keys) { terms &+= MatchQueryProbe.termCount(for: alert, key: key) }
        }
        let bothTime = best {
            for alert in alerts {
                terms &+= MatchQueryProbe.termCount(for: alert, key: AlertKey.key(for: alert))
            }
        }
        let preparedTime = best { terms &+= preparedAll(alerts, index: index) }
        let matchTime = best {
            for alert in alerts { terms &+= index.match(alert, key: AlertKey.key(for: alert)).count }
        }
        for (name, seconds) in [("key", keyTime), ("query", queryTime), ("key + query", bothTime),
                                ("key + prepared", preparedTime), ("key + match", matchTime)] {
            print(name.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: " %8.2f", seconds * 1e6 / Double(alerts.count)))
        }
        print("(checksum \(terms))")
    }

    /// Builds the key and the query of every alert once; returns a checksum so that nothing is optimised away.
    @inline(never)
    func keysAndQueries(_ alerts: [Alert]) -> Int {
        var sum = 0
        for alert in alerts {
            let key = AlertKey.key(for: alert)
            sum &+= key.utf8.count &+ MatchQueryProbe.termCount(for: alert, key: key)
        }
        return sum
    }

    /// What the server's match cache works out for a new alert of a known kind before it finds its answer: the key,
    /// the input and its hash, the prepared match and its hash (`MatchCache.matches` without its locks).
    @inline(never)
    func preparedAll(_ alerts: [Alert], index: MatchIndex) -> Int {
        var sum = 0
        for alert in alerts {
            let key = AlertKey.key(for: alert)
            sum &+= MatchInput(alert: alert, key: key).hashValue &+ index.prepare(alert, key: key).hashValue
        }
        return sum
    }

    /// The examples library beside the package's sources.
    static var examples: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("examples/runbooks")
    }

    /// `count` alerts as `bench/load/alerts.lua` makes them, through the Alertmanager decoder.
    static func generated(_ count: Int) throws -> [Alert] {
        try DecodeBench.bodies(alerts: count, batch: 100).flatMap {
            try AlertDecoder.decode($0, format: .alertmanager, receivedAt: Date())
        }
    }

    /// Texts that take every path of boiling and tokenizing: non-ASCII letters, emoji, hosts, ids, prefixes.
    static let trickyTexts = [
        "[Prometheus]: [FIRING:1] DiskUsageWarning mitx-production (xqwatcher filesystem /dev/root ext4 "
            + "ip-10-7-0-78 integrations/linux_host warning)",
        "Firing 1 - HighLatency on ip-10-0-0-1.ec2.internal:9100", "ALARM: \"CPUUtilization\" in EU (Ireland)",
        "Ошибка репликации на сервере db-03", "Latência alta no serviço pagamentos 🚨", "🔥🔥 PodCrashLooping café",
        "Straße über Größe — naïve résumé", "UUID 123e4567-e89b-12d3-a456-426614174000 failed",
        "deadbeef12 0x7ffd5e8a commit 6f9c7d5b8 nvme0n1p1 A7xQ2mZk9Lp", "host:port redis-03-db-gprd.c.example.net:6379",
        "PostgreSQL_CommitRateTooLow [RESOLVED] on payments-api-6f9c7d5b8-m2xkq",
        "KubePodCrashLooping\tin\u{00A0}namespace “monitoring” – see https://example.com/runbook",
        "Error(1045, \"Access denied\") |x=y| `cmd` {a} <b> [c]; d", "  [Pingdom] DOWN: www.example.com  ",
        "i-0abc123def4567890 worker-2.ocp4.example.com 5xx 4XX v1.2.3 #12 +3 ~/x ../y ./z /a",
        "ÉCOLE École\r\nsecond line\u{2028}third", "a\u{0301}b e\u{301} ﬁle ǅungla İstanbul ß",
        "[FIRING:2]  [ALERT] Triggered: 3: - Something broke", "alert_name_with_underscores app_prod prod_app",
        "CamelCaseHTTPServerError5xxRate HighHTTP5xxRate IOError ETLJobFailed",
    ]

    private func dump(generated: [Alert]) throws -> String {
        var alerts = try Evaluation(only: nil, verbose: false).loadCases(heldOut: false).flatMap { item -> [Alert] in
            guard let format = AlertFormat(rawValue: item.format) else { return [] }
            return (try? AlertDecoder.decode(item.input, format: format, receivedAt: Date())) ?? []
        }
        for name in ["prometheus-operator", "openshift", "gitlab"] {
            let files = Corpus.files(in: Corpus.folder(named: name))
            let library = Library(folders: [LibraryFolder(name: name, files: files)])
            for entry in library.entries {
                let first = entry.title.split(separator: " ").first.map(String.init) ?? entry.title
                alerts.append(Alert(
                    source: .alertmanager, labels: ["alertname": first, "service": entry.path.first ?? "app"],
                    annotations: ["summary": entry.title], title: "[FIRING:1] \(entry.title)",
                    text: String(entry.text.prefix(300)), dedupKey: entry.id))
                alerts.append(Alert(source: .generic, title: entry.title, text: String(entry.text.prefix(120)),
                                    dedupKey: entry.id))
            }
        }
        for text in Self.trickyTexts {
            alerts.append(Alert(source: .generic, labels: ["app": text], title: text, text: text, dedupKey: text))
            alerts.append(Alert(source: .alertmanager, labels: ["alertname": text, "service": text],
                                annotations: ["summary": text], title: text, dedupKey: text))
        }
        alerts += generated
        var out = ""
        for (offset, alert) in alerts.enumerated() {
            let key = AlertKey.key(for: alert)
            out += "#\(offset) key: \(key)\n" + MatchQueryProbe.description(for: alert, key: key) + "\n"
        }
        return out
    }

    /// The smallest CPU time of three runs of `body`, in seconds.
    private func best(_ body: () -> Void) -> Double {
        (0..<3).map { _ in
            let start = cpuTime()
            body()
            return cpuTime() - start
        }.min() ?? 0
    }

    private func cpuTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
