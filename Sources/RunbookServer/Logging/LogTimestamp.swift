import Foundation

/// A log line's time in UTC, ISO 8601 with milliseconds (`2026-12-05T06:21:07.352Z`): the text
/// `Date.ISO8601FormatStyle(includingFractionalSeconds: true)` gives, written from the calendar fields directly.
/// Every request writes a line, and the format style cost as much as the rest of the line.
enum LogTimestamp {
    static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        var whole = Int(seconds.rounded(.down))
        var milliseconds = Int(((seconds - Double(whole)) * 1000).rounded(.down))
        if milliseconds >= 1000 {
            whole += 1
            milliseconds -= 1000
        }
        var time = time_t(whole)
        var fields = tm()
        guard gmtime_r(&time, &fields) != nil, fields.tm_year + 1900 >= 0, fields.tm_year + 1900 <= 9999 else {
            return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func digits(_ value: Int32, _ count: Int) {
            var divisor: Int32 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(fields.tm_year + 1900, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(fields.tm_mon + 1, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(fields.tm_mday, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(fields.tm_hour, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(fields.tm_min, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(fields.tm_sec, 2)
        bytes.append(UInt8(ascii: "."))
        digits(Int32(milliseconds), 3)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
