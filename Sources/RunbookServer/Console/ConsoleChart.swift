import Foundation
import RunbookCore
import RunbookStore

/// Small bar charts drawn on the server as inline SVG: no script, no style attribute, a title for screen readers
/// and one per bar for pointer users.
enum ConsoleChart {
    /// One series of a stacked chart: its name in the legend and its fill colour.
    struct Series {
        var name: String
        var color: String
    }

    /// One bar: its label (shown in its tooltip) and one value per series, stacked bottom up.
    struct Bar {
        var label: String
        var values: [Int]
    }

    /// Counts of `incidents` by the time slot they opened in, `count` slots of `step` seconds ending at `end`;
    /// each incident counts in `series(incident)`.
    static func bars(
        _ incidents: [Incident], end: Date, step: TimeInterval, count: Int, seriesCount: Int,
        label: (Date) -> String, series: (Incident) -> Int
    ) -> [Bar] {
        let start = end.addingTimeInterval(-step * Double(count))
        var bars = (0..<count).map { slot in
            Bar(label: label(start.addingTimeInterval(step * Double(slot))),
                values: Array(repeating: 0, count: seriesCount))
        }
        for incident in incidents {
            let slot = Int(incident.openedAt.timeIntervalSince(start) / step)
            guard slot >= 0, slot < count else { continue }
            bars[slot].values[series(incident)] += 1
        }
        return bars
    }

    /// The SVG of a stacked bar chart, with a legend when there are several series.
    static func svg(title: String, bars: [Bar], series: [Series]) -> String {
        let width = 600.0
        let height = 120.0
        let legend = series.count > 1 ? 20.0 : 0
        let top = bars.map { $0.values.reduce(0, +) }.max() ?? 0
        let scale = top > 0 ? (height - 14) / Double(top) : 0
        let slot = width / Double(max(bars.count, 1))
        var svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height + legend))\" "
            + "preserveAspectRatio=\"none\" aria-label=\"\(MarkdownHTML.escape(title))\">"
            + "<title>\(MarkdownHTML.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            var base = height
            for (position, value) in bar.values.enumerated() where value > 0 {
                let barHeight = Double(value) * scale
                base -= barHeight
                let name = series[position].name
                svg += "<rect x=\(format(Double(index) * slot + 1)) y=\(format(base)) width=\(format(slot - 2)) "
                    + "height=\(format(barHeight)) fill=\"\(series[position].color)\">"
                    + "<title>\(MarkdownHTML.escape("\(bar.label): \(value) \(name)"))</title></rect>"
            }
        }
        svg += "<line x1=\"0\" y1=\(format(height)) x2=\(format(width)) y2=\(format(height)) stroke=\"#4a4a4a\"/>"
        svg += "<text x=\"0\" y=\"10\" font-size=\"10\" fill=\"#4a4a4a\">\(top)</text>"
        if series.count > 1 {
            var x = 0.0
            for item in series {
                svg += "<rect x=\(format(x)) y=\(format(height + 8)) width=\"10\" height=\"10\" "
                    + "fill=\"\(item.color)\"/>"
                svg += "<text x=\(format(x + 14)) y=\(format(height + 17)) font-size=\"11\" fill=\"#1a1a1a\">"
                    + "\(MarkdownHTML.escape(item.name))</text>"
                x += 14 + Double(item.name.count) * 6.5 + 16
            }
        }
        return svg + "</svg>"
    }

    private static func format(_ value: Double) -> String {
        "\"\(String(format: "%.1f", value))\""
    }
}
