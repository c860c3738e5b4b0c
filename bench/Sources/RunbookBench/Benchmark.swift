import Foundation
import RunbookCore

/// Builds libraries of a given entry count from the public corpora and times index builds and matches.
struct Benchmark {
    var sizes: [Int]
    var alertCount: Int
    /// Where to write every alert's top 5 (see `RankingDump`), after the timings.
    var dumpPath: String?

    func run() throws {
        let corpora = ["prometheus-operator", "openshift", "gitlab"]
        let base = corpora.flatMap { name in
            Corpus.files(in: Corpus.folder(named: name)).map {
                SourceFile(path: "\(name)/\($0.path)", contents: $0.contents)
            }
        }
        let perCopy = Library(folders: [LibraryFolder(name: "bench", files: base)]).entries.count
        let caseAlerts = try Evaluation.caseAlerts()
        print("corpus copy: \(base.count) files, \(perCopy) entries; \(caseAlerts.count) alerts from the cases")
        print("entries   build(s)  build cpu(s)  match p50(ms)  p99(ms)  max(ms)  cpu p50(ms)  cpu p99(ms)  alerts")
        var dump = RankingDump()
        for size in sizes {
            let copies = (size + perCopy - 1) / perCopy
            let files = (0..<copies).flatMap { copy in
                base.map { SourceFile(path: "copy\(copy)/\($0.path)", contents: $0.contents) }
            }
            let library = trimmed(Library(folders: [LibraryFolder(name: "bench", files: files)]), to: size)
            let clock = ContinuousClock()
            var index: MatchIndex?
            let buildStart = cpuTime(CLOCK_PROCESS_CPUTIME_ID)
            let build = clock.measure { index = MatchIndex(library: library) }
            let buildCPU = cpuTime(CLOCK_PROCESS_CPUTIME_ID) - buildStart
            guard let index else { continue }
            let alerts = makeAlerts(library: library, extra: caseAlerts)
            var latencies: [Double] = []
            var cpuTimes: [Double] = []
            latencies.reserveCapacity(alerts.count)
            for alert in alerts {
                let start = cpuTime(CLOCK_THREAD_CPUTIME_ID)
                let elapsed = clock.measure { _ = index.match(alert) }
                cpuTimes.append((cpuTime(CLOCK_THREAD_CPUTIME_ID) - start) * 1000)
                latencies.append(milliseconds(elapsed))
            }
            latencies.sort()
            cpuTimes.sort()
            let row = String(
                format: "%7d  %8.3f  %12.3f  %13.3f  %7.3f  %7.3f  %11.3f  %11.3f  %6d", index.entryCount,
                milliseconds(build) / 1000, buildCPU, percentile(latencies, 50), percentile(latencies, 99),
                latencies.last ?? 0, percentile(cpuTimes, 50), percentile(cpuTimes, 99), alerts.count)
            print(row)
            if dumpPath != nil {
                for (offset, alert) in alerts.enumerated() {
                    dump.add("\(size)#\(offset)", index.match(alert))
                }
            }
        }
        if let dumpPath { try dump.write(to: dumpPath) }
    }

    /// The first documents of `library` holding `size` entries (a document is never split).
    private func trimmed(_ library: Library, to size: Int) -> Library {
        var documents: [Document] = []
        var count = 0
        for document in library.documents where count < size {
            documents.append(document)
            count += document.entries.count
        }
        return Library(documents: documents)
    }

    /// Alerts made from entry titles (spread over the library) and from the cases, `alertCount` in all.
    private func makeAlerts(library: Library, extra: [Alert]) -> [Alert] {
        let entries = library.entries
        var alerts = extra
        let step = max(1, entries.count / max(1, alertCount - extra.count))
        var position = 0
        while alerts.count < alertCount && position < entries.count {
            let entry = entries[position]
            let name = entry.title.split(separator: " ").first.map(String.init) ?? entry.title
            alerts.append(Alert(
                source: .alertmanager, labels: ["alertname": name, "service": entry.path.first ?? "app"],
                annotations: ["summary": entry.title], title: "[FIRING:1] \(entry.title)",
                text: String(entry.text.prefix(300)), dedupKey: entry.id))
            position += step
        }
        return alerts
    }

    private func percentile(_ sorted: [Double], _ rank: Int) -> Double {
        sorted[min(sorted.count - 1, sorted.count * rank / 100)]
    }

    /// Seconds of CPU used by this thread or process: unlike the wall clock, not inflated by others' load.
    private func cpuTime(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
