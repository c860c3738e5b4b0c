import Foundation

/// A receiver's `Retry-After`: a number of seconds or an HTTP date.
public enum RetryAfter: Sendable, Hashable {
    case seconds(TimeInterval)
    case date(Date)

    /// Reads a `Retry-After` header value (`120`, `Wed, 21 Oct 2015 07:28:00 GMT`); nil when it is neither.
    public init?(headerValue: String) {
        let value = headerValue.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(value), seconds >= 0 {
            self = .seconds(TimeInterval(seconds))
            return
        }
        guard let date = Self.httpDate(value) else { return nil }
        self = .date(date)
    }

    /// The moment it names, seconds counted from `now`.
    public func date(relativeTo now: Date) -> Date {
        switch self {
        case .seconds(let seconds): now.addingTimeInterval(seconds)
        case .date(let date): date
        }
    }

    /// IMF-fixdate, the obsolete RFC 850 form and asctime, as RFC 9110 asks a recipient to accept.
    private static func httpDate(_ text: String) -> Date? {
        let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
