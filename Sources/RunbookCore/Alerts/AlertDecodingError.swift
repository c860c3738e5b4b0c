/// A payload that could not be decoded into alerts: which field, what was expected, what was found.
///
/// The sender's fault, always: the server answers it with a 4xx carrying ``description``, for example
/// `alerts[2].labels: expected an object of strings, found a number`. Cases live in a private enum so new ones can
/// be added without breaking callers.
public struct AlertDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case notJSON(detail: String)
        case wrongKind(found: String)
        case missing
        case unknownValue(String)
        case tooLong(count: Int)
        case badTimestamp(String)
        case unsupportedMessageType(String)
        case overLimit(AlertLimits.Kind, found: Int)
        case incomplete
    }

    private let reason: Reason
    /// JSON path of the offending field (`alerts[2].labels`), or nil when the error is about the whole body.
    public let field: String?
    /// What the decoder expected there, in words (`an object of strings`, `firing or resolved`).
    public let expected: String

    /// True when the payload is valid JSON of the right shape but carries none of the fields that make it an alert
    /// of its format (a Datadog `{}`); the server answers 422 rather than 400.
    public var isIncomplete: Bool {
        reason == .incomplete
    }

    /// The limit the payload is over, when it is well-formed but too big; nil for a malformed payload.
    public var limit: AlertLimits.Kind? {
        if case .overLimit(let kind, _) = reason { return kind }
        return nil
    }

    private init(_ reason: Reason, field: String?, expected: String) {
        self.reason = reason
        self.field = field.flatMap { $0.isEmpty ? nil : $0 }
        self.expected = expected
    }

    /// One line a person can act on: `<field>: expected <what>, found <what>`.
    public var description: String {
        let prefix = field.map { "\($0): " } ?? ""
        switch reason {
        case .notJSON(let detail):
            return "\(prefix)expected \(expected), found \(detail)"
        case .wrongKind(let found):
            return "\(prefix)expected \(expected), found \(found)"
        case .missing:
            return "\(prefix)expected \(expected), found nothing"
        case .unknownValue(let value):
            return "\(prefix)expected \(expected), found \(Self.quoted(value))"
        case .tooLong(let count):
            return "\(prefix)expected \(expected), found \(count) characters"
        case .badTimestamp(let value):
            return "\(prefix)expected \(expected), found \(Self.quoted(value))"
        case .unsupportedMessageType(let type):
            return "\(prefix)expected \(expected), found \(Self.quoted(type)); "
                + "subscription messages are confirmed by the server, not decoded as alerts"
        case .incomplete:
            return "\(prefix)expected \(expected), found none of them"
        case .overLimit(let kind, let found):
            return "\(prefix)expected \(expected) (setting \(kind.setting)), found \(found)"
        }
    }

    private static func quoted(_ value: String) -> String {
        let shown = value.count > 60 ? String(value.prefix(60)) + "…" : value
        return "\"\(shown)\""
    }

    static func notJSON(_ detail: String, expected: String = "a JSON object") -> Self {
        Self(.notJSON(detail: detail), field: nil, expected: expected)
    }

    static func wrongKind(field: String, expected: String, found: String) -> Self {
        Self(.wrongKind(found: found), field: field, expected: expected)
    }

    static func missing(field: String, expected: String) -> Self {
        Self(.missing, field: field, expected: expected)
    }

    static func unknownValue(field: String, expected: String, value: String) -> Self {
        Self(.unknownValue(value), field: field, expected: expected)
    }

    static func tooLong(field: String, limit: Int, count: Int) -> Self {
        Self(.tooLong(count: count), field: field, expected: "at most \(limit) characters")
    }

    static func overLimit(field: String, kind: AlertLimits.Kind, limit: Int, found: Int, what: String) -> Self {
        Self(.overLimit(kind, found: found), field: field, expected: "at most \(limit) \(what)")
    }

    static func incomplete(missing fields: [String]) -> Self {
        Self(.incomplete, field: "body", expected: "at least one of " + fields.joined(separator: ", "))
    }

    static func badTimestamp(field: String, value: String) -> Self {
        Self(.badTimestamp(value), field: field, expected: "an RFC 3339 timestamp or epoch seconds")
    }

    static func unsupportedMessageType(field: String, type: String) -> Self {
        Self(.unsupportedMessageType(type), field: field, expected: "Notification")
    }
}
