/// What to run: `IngestBench [--requests N] [--batch-requests N] [--senders N] [--rate N] [--seconds N]
/// [--runs single,batch,paced] [--database postgres://…]`.
///
/// The benchmark re-runs itself as the sender process: `IngestBench send KIND --url U --token T …` (see `SenderRun`).
struct IngestBenchOptions {
    /// The three runs, in the order they are made.
    enum Run: String, CaseIterable {
        case single, batch, paced
    }

    /// 1-alert requests sent in the throughput run.
    var singleRequests = 20_000
    /// 100-alert requests sent in the batch throughput run.
    var batchRequests = 1_000
    /// Concurrent senders (connections) in the 1-alert throughput run; the 100-alert run uses a quarter.
    var senders = 32
    /// Alerts per second in the paced latency run (one alert per request).
    var rate = 1_000
    /// Length of the paced latency run.
    var seconds = 10
    /// Which runs to make.
    var runs = Run.allCases
    /// The PostgreSQL to store in (`runbook serve --database`); nil for SQLite in a temporary folder.
    var database: String?

    init(arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let text = iterator.next() ?? ""
            let value = Int(text) ?? 0
            switch flag {
            case "--requests": singleRequests = value
            case "--batch-requests": batchRequests = value
            case "--senders": senders = value
            case "--rate": rate = value
            case "--seconds": seconds = value
            case "--runs": runs = text.split(separator: ",").compactMap { Run(rawValue: String($0)) }
            case "--database": database = text
            default: print("ignoring unknown flag \(flag)")
            }
        }
    }
}
