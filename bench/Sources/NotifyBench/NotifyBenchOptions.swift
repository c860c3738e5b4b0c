import Foundation

/// What to run: `NotifyBench [--rate N] [--seconds N] [--drain N] [--concurrency N] [--batch N] [--runbook PATH]`.
struct NotifyBenchOptions {
    /// Alerts per second in the latency run, each opening its own incident.
    var rate = 100
    /// Length of the latency run.
    var seconds = 30
    /// Deliveries queued before the server starts, for the drain run.
    var drain = 20_000
    /// The webhook channel's `concurrency` (requests in flight at once).
    var concurrency = 32
    /// The dispatcher's `batch_size`.
    var batch = 500
    /// The `runbook` binary; by default the one beside this executable.
    var runbook = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("runbook").path

    init(arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let text = iterator.next() ?? ""
            let value = Int(text) ?? 0
            switch flag {
            case "--rate": rate = value
            case "--seconds": seconds = value
            case "--drain": drain = value
            case "--concurrency": concurrency = value
            case "--batch": batch = value
            case "--runbook": runbook = text
            default: print("ignoring unknown flag \(flag)")
            }
        }
    }
}
