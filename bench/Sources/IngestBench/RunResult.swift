import Foundation

/// One run's figures.
struct RunResult {
    var requests: Int
    var alerts: Int
    var elapsed: Duration
    var latencies: [Double]

    var seconds: Double {
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func percentile(_ fraction: Double) -> Double {
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    func row(_ name: String) -> String {
        let rate = Double(alerts) / seconds
        return "| \(name) | \(requests) | \(alerts) | \(format(seconds, 2)) | \(format(rate, 0)) | "
            + "\(format(percentile(0.5), 2)) | \(format(percentile(0.99), 2)) |"
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
