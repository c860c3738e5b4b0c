import Foundation

/// One run's figures, as the sender process measured them (sent back as JSON).
struct RunResult: Codable {
    var requests: Int
    var alerts: Int
    var seconds: Double
    var latencies: [Double]

    func percentile(_ fraction: Double) -> Double {
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }
}

/// A run's row of the printed table: the sender's figures with the server's CPU time and the load average.
struct RunRow {
    var name: String
    var result: RunResult
    /// CPU seconds the server process used during the run.
    var serverCPU: Double
    /// CPU seconds the sender process used.
    var senderCPU: Double
    var loadAverage: String

    static let header = """
        | run | requests | alerts | seconds | alerts/s | p50 ms | p99 ms | server CPU s | server µs/alert \
        | alerts per server CPU-s | sender CPU s | load average |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
        """

    var text: String {
        let alerts = Double(result.alerts)
        let cells = [
            name, "\(result.requests)", "\(result.alerts)", format(result.seconds, 2),
            format(alerts / result.seconds, 0), format(result.percentile(0.5), 2), format(result.percentile(0.99), 2),
            format(serverCPU, 2), format(serverCPU / alerts * 1e6, 1), format(alerts / serverCPU, 0),
            format(senderCPU, 2), loadAverage,
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    /// The tail the percentiles hide: the slowest request and how many took over 100 ms (issue 12's paced goal).
    var slowest: String {
        let over = result.latencies.filter { $0 > 100 }.count
        let slowest = format(result.latencies.max() ?? 0, 1)
        return "  slowest: \(slowest) ms; \(over) of \(result.requests) requests over 100 ms"
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
