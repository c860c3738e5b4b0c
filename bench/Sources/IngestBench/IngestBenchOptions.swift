/// What to run: `IngestBench [--requests N] [--batch-requests N] [--senders N] [--rate N] [--seconds N]`.
struct IngestBenchOptions {
    /// 1-alert requests sent in the throughput run.
    var singleRequests = 20_000
    /// 100-alert requests sent in the batch throughput run.
    var batchRequests = 1_000
    /// Concurrent senders (connections) in the throughput runs.
    var senders = 32
    /// Alerts per second in the paced latency run (one alert per request).
    var rate = 1_000
    /// Length of the paced latency run.
    var seconds = 10

    init(arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next().flatMap(Int.init) ?? 0
            switch flag {
            case "--requests": singleRequests = value
            case "--batch-requests": batchRequests = value
            case "--senders": senders = value
            case "--rate": rate = value
            case "--seconds": seconds = value
            default: print("ignoring unknown flag \(flag)")
            }
        }
    }
}
