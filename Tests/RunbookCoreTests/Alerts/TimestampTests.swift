import Foundation
import Testing

@testable import RunbookCore

struct TimestampTests {
    static let base = 1_777_881_600.0

    @Test(arguments: [
        ("2026-05-04T08:00:00Z", base), ("2026-05-04T08:00:00.250Z", base + 0.25),
        ("2026-05-04T08:00:00.123456789Z", base + 0.123_456_789), ("2026-05-04T10:00:00+02:00", base),
        ("2026-05-04T08:00:00.000+0000", base), ("2026-05-04T03:00:00-05", base), ("2026-05-04 08:00:00", base),
        ("2026-05-04T08:00:00", base), ("1777881600", base), ("1777881600000", base), ("1777881600.5", base + 0.5),
        ("2024-02-29T00:00:00Z", 1_709_164_800), ("1969-12-31T23:59:59Z", -1),
    ])
    func readsSourceFormats(text: String, seconds: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test(arguments: [
        "yesterday", "2026-13-01T00:00:00Z", "2026-05-04", "2026-05-04T25:00:00Z", "2026-05-04T08:00:00+2",
        "2026-05-04T08:00:00.Z", "", "12:00", String(repeating: "1", count: 100),
    ])
    func rejectsOtherText(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func goZeroTimeMeansNone() {
        #expect(Timestamp.isZeroTime("0001-01-01T00:00:00Z"))
        #expect(!Timestamp.isZeroTime("2026-01-01T00:00:00Z"))
    }
}
