import Foundation
import Testing

@testable import RunbookServer

/// `LogTimestamp`: the same text as Foundation's ISO 8601 format style with fractional seconds.
struct LogTimestampTests {
    @Test
    func itWritesWhatTheFormatStyleWrites() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var generator = SystemRandomNumberGenerator()
        var dates = [
            0, 0.001, 0.999, 0.9995, 0.9999999, 59.9999, 951_782_400, 1_764_892_800.5, 4_102_444_799.999,
            1_733_000_000.1234, -0.001, -1, -86_400.25, 1_700_000_000.000_000_1,
        ].map { Date(timeIntervalSince1970: $0) }
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator)))
        }
        for _ in 0..<2_000 {
            let second = Double(Int.random(in: 1_700_000_000..<1_800_000_000, using: &generator))
            dates.append(Date(timeIntervalSince1970: second + Double(Int.random(in: 0..<1000)) / 1000))
        }
        var mismatches: [String] = []
        for date in dates {
            let expected = date.formatted(style)
            let written = LogTimestamp.format(date)
            if written != expected, mismatches.count < 5 {
                mismatches.append("\(date.timeIntervalSince1970): \(written) != \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(LogTimestamp.format(Date(timeIntervalSince1970: 1_764_915_667.25)) == "2025-12-05T06:21:07.250Z")
    }
}
