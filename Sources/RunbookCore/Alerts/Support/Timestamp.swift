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
        var trimmed = text.trimmingBlanks()
        if let epoch = parseEpoch(trimmed) { return epoch }
        return trimmed.withUTF8 { parseCalendar($0) }
    }

    private static func parseEpoch(_ text: String) -> Date? {
        // Only ASCII digits and dots: the same test as on characters, whose ASCII numbers are the ten digits.
        guard !text.isEmpty, text.utf8.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }),
            let value = Double(text), value.isFinite
        else { return nil }
        let seconds = value > 100_000_000_000 ? value / 1000 : value
        return Date(timeIntervalSince1970: seconds)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// `YYYY-MM-DD[T ]HH:MM:SS[.fraction][offset]`, read in place (the alert path reads one or two per alert).
    private static func parseCalendar(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = 0
        func number(_ width: Int) -> Int? {
            guard bytes.count - cursor >= width else { return nil }
            var value = 0
            for offset in cursor..<cursor + width {
                guard isDigit(bytes[offset]) else { return nil }
                value = value * 10 + Int(bytes[offset] - 0x30)
            }
            cursor += width
            return value
        }
        func expect(_ allowed: UInt8, or other: UInt8? = nil, or third: UInt8? = nil) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == allowed || bytes[cursor] == other || bytes[cursor] == third
            else { return false }
            cursor += 1
            return true
        }
        let dash = UInt8(ascii: "-")
        let colon = UInt8(ascii: ":")
        guard let year = number(4), expect(dash), let month = number(2), expect(dash), let day = number(2),
            expect(UInt8(ascii: "T"), or: UInt8(ascii: "t"), or: UInt8(ascii: " ")), let hour = number(2),
            expect(colon), let minute = number(2), expect(colon), let second = number(2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") || bytes[cursor] == UInt8(ascii: ",") {
            cursor += 1
            var scale = 0.1
            let start = cursor
            while cursor < bytes.count, isDigit(bytes[cursor]) {
                fraction += Double(bytes[cursor] - 0x30) * scale
                scale /= 10
                cursor += 1
            }
            guard cursor > start else { return nil }
        }
        guard let offset = parseOffset(UnsafeBufferPointer(rebasing: bytes[cursor...])) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction - Double(offset)
        return Date(timeIntervalSince1970: seconds)
    }

    /// Seconds east of UTC: `Z`, `+HH:MM`, `+HHMM`, `+HH`, or nothing (UTC). Colons are skipped wherever they are.
    private static func parseOffset(_ rest: UnsafeBufferPointer<UInt8>) -> Int? {
        if rest.isEmpty || (rest.count == 1 && (rest[0] == UInt8(ascii: "Z") || rest[0] == UInt8(ascii: "z"))) {
            return 0
        }
        let sign = rest[0]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        var digits = 0
        var count = 0
        for byte in rest.dropFirst() where byte != UInt8(ascii: ":") {
            guard isDigit(byte), count < 4 else { return nil }
            digits = digits * 10 + Int(byte - 0x30)
            count += 1
        }
        guard count == 2 || count == 4 else { return nil }
        let hours = count == 4 ? digits / 100 : digits
        let minutes = count == 4 ? digits % 100 : 0
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
