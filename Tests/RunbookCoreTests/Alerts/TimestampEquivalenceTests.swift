import Foundation
import Testing

@testable import RunbookCore

/// `Timestamp.parse`, which reads bytes in place, gives exactly what the parser before it gave (kept below as
/// `ArrayTimestamp`, its text unchanged but for the name) on many forms, valid and not.
struct TimestampEquivalenceTests {
    static let pieces: [[String]] = [
        ["2026", "1970", "0001", "9999", "1969", "202", "20x6"],
        ["-"], ["12", "01", "02", "13", "00", "1"], ["-", "/"], ["04", "29", "31", "00", "32", "4"],
        ["T", "t", " ", "_", ""], ["10", "00", "23", "24", "7"], [":"], ["00", "59", "60"], [":", ""],
        ["00", "59", "60", "61", "5"],
        ["", ".5", ".123456789", ",25", ".", ".1234567890123", ".0000001"],
        ["", "Z", "z", "+02:00", "-05:30", "+0000", "-05", "+2", "+24:00", "+02:60", "+:0:2", "+1234:", "Zx",
         "+02:00:00", " Z", "UTC"],
    ]

    static let others = [
        "", " ", "1764000000", "1764000000123", "1764000000.5", "1.2.3", ".", "1e9", "-1", "１２３", "1\u{301}",
        " 2026-12-04T10:00:00Z", "2026-12-04T10:00:00Z ", "\t2026-12-04T10:00:00Z\n", "\u{00A0}2026-12-04T10:00:00Z",
        "2026-12-04T10:00:00Z\r\n", String(repeating: "1", count: 64), String(repeating: "1", count: 65),
        "0001-01-01T00:00:00Z", "2026-12-04T10:00:00+02:00 ", "2026-12-04T10:00:00Ż", "2026-12-04",
    ]

    @Test func everyFormReadsAsBefore() {
        var random = SeededGenerator(seed: 3339)
        var texts = Self.others
        for _ in 0..<20_000 {
            // Mostly the first (valid) piece, so that most texts differ from a valid time in one or two places.
            let chosen = Self.pieces.map { pieces in
                Int.random(in: 0..<4, using: &random) > 0 ? pieces[0] : pieces.randomElement(using: &random)!
            }
            texts.append(chosen.joined())
        }
        var parsed = 0
        for text in texts {
            let now = Timestamp.parse(text)
            #expect(now == ArrayTimestamp.parse(text), "\(text)")
            if now != nil { parsed += 1 }
        }
        #expect(parsed > 2_000)
    }
}

/// `Timestamp` as it was before it read bytes in place (`git show f470205:Sources/RunbookCore/Alerts/Support/
/// Timestamp.swift`), to compare with.
enum ArrayTimestamp {
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
