import Foundation

/// Reads the time formats alert sources send, without locale-dependent formatters.
///
/// RFC 3339 with any number of fractional digits (Go sends nine), `+0000` offsets (CloudWatch), a space instead of
/// `T`, a missing zone (Pingdom's `state_changed_utc_time`, read as UTC), and epoch seconds or milliseconds.
enum Timestamp {
    /// Go's zero time, which Alertmanager sends as `endsAt` of an alert that has not ended.
    static func isZeroTime(_ text: String) -> Bool {
        text.hasPrefix("0001-01-01")
    }

    static func parse(_ text: String) -> Date? {
        guard text.utf8.count <= 64 else { return nil }
        let trimmed = text.trimmingBlanks()
        if let epoch = parseEpoch(trimmed) { return epoch }
        return parseCalendar(Array(trimmed.utf8))
    }

    private static func parseEpoch(_ text: String) -> Date? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(text), value.isFinite
        else { return nil }
        let seconds = value > 100_000_000_000 ? value / 1000 : value
        return Date(timeIntervalSince1970: seconds)
    }

    private static func parseCalendar(_ bytes: [UInt8]) -> Date? {
        var cursor = 0
        func number(_ width: Int) -> Int? {
            guard bytes.count - cursor >= width else { return nil }
            var value = 0
            for byte in bytes[cursor..<cursor + width] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            cursor += width
            return value
        }
        func expect(_ allowed: String) -> Bool {
            guard cursor < bytes.count, allowed.utf8.contains(bytes[cursor]) else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61
        else { return nil }
        var fraction = 0.0
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") || bytes[cursor] == UInt8(ascii: ",") {
            cursor += 1
            var scale = 0.1
            let start = cursor
            while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]) {
                fraction += Double(bytes[cursor] - 0x30) * scale
                scale /= 10
                cursor += 1
            }
            guard cursor > start else { return nil }
        }
        guard let offset = parseOffset(bytes, from: cursor) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction - Double(offset)
        return Date(timeIntervalSince1970: seconds)
    }

    /// Seconds east of UTC: `Z`, `+HH:MM`, `+HHMM`, `+HH`, or nothing (UTC).
    private static func parseOffset(_ bytes: [UInt8], from start: Int) -> Int? {
        let rest = Array(bytes[start...])
        if rest.isEmpty || rest == [UInt8(ascii: "Z")] || rest == [UInt8(ascii: "z")] { return 0 }
        guard let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = rest.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard [2, 4].contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let values = digits.map { Int($0 - 0x30) }
        let hours = values[0] * 10 + values[1]
        let minutes = values.count == 4 ? values[2] * 10 + values[3] : 0
        guard hours < 24, minutes < 60 else { return nil }
        let total = hours * 3_600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -total : total
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
