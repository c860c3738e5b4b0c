import Foundation

/// Confidence buckets of the top match against how often that match was right: a calibrated matcher is right
/// about as often as its confidence says.
struct Calibration {
    /// Per bucket of width 0.1: top matches counted, and how many of them were right.
    private var counts = Array(repeating: (total: 0, right: 0), count: 10)

    /// Counts one case's top match; a negative case's top match is never right.
    mutating func add(confidence: Double, right: Bool) {
        let bucket = min(max(Int(confidence * 10), 0), 9)
        counts[bucket].total += 1
        if right { counts[bucket].right += 1 }
    }

    /// Prints one row per bucket, as Markdown.
    func print() {
        Swift.print("| confidence | top matches | right | share right |")
        Swift.print("|---|--:|--:|--:|")
        for (bucket, count) in counts.enumerated() where count.total > 0 {
            let low = Double(bucket) / 10
            let share = String(format: "%.0f %%", 100 * Double(count.right) / Double(count.total))
            let range = String(format: "%.1f–%.1f", low, low + 0.1)
            Swift.print("| \(range) | \(count.total) | \(count.right) | \(share) |")
        }
    }
}
