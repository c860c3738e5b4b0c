import Foundation
import RunbookCore

/// A silence as an operator asks for it, from the API's JSON body or the `runbook silences add` flags.
///
/// Matchers are written as text (`alertname=DiskUsageWarning`, `app=~xq.*`); the window ends at `endsAt` (ISO 8601)
/// or after `duration` (`2h`, `1h30m`), exactly one of the two. `silence(createdBy:now:)` checks everything and
/// says which input is wrong, so the API and the CLI refuse the same things the same way.
///
/// ```swift
/// let request = SilenceRequest(matchers: ["alertname=DiskUsageWarning"], duration: "2h", comment: "disk swap")
/// let silence = try request.silence(createdBy: "ana", now: Date())
/// ```
public struct SilenceRequest: Sendable, Hashable, Codable {
    /// Every matcher must hold for an incident's labels; at least one.
    public var matchers: [String]
    /// When the silence ends: an ISO 8601 time in the future.
    public var endsAt: String?
    /// How long the silence lasts from now, as the config file writes durations.
    public var duration: String?
    /// Why the incidents are silenced, for whoever wonders later.
    public var comment: String

    /// A request with every part given.
    public init(matchers: [String], endsAt: String? = nil, duration: String? = nil, comment: String) {
        self.matchers = matchers
        self.endsAt = endsAt
        self.duration = duration
        self.comment = comment
    }

    /// The longest silence granted unless configured otherwise (setting `limits.silence_length`): 90 days.
    public static let defaultMaxLength = Duration.seconds(90 * 86_400)

    /// The silence this asks for, starting at `now`; throws `SilenceRequestError` naming the first input at fault.
    ///
    /// A window longer than `maxLength` is refused with an error whose `limit` names the setting, so the API
    /// answers it 422 rather than 400.
    public func silence(createdBy: String, now: Date, maxLength: Duration = defaultMaxLength) throws -> Silence {
        guard !matchers.isEmpty else {
            throw SilenceRequestError(
                field: "matchers", detail: "give at least one matcher, such as alertname=DiskUsageWarning"
            )
        }
        var parsed: [LabelMatcher] = []
        for (index, text) in matchers.enumerated() {
            do {
                parsed.append(try LabelMatcher(parsing: text))
            } catch let error as LabelMatcherError {
                throw SilenceRequestError(field: "matchers[\(index)]", detail: error.description,
                                          limit: error.isLimit ? "regex length and complexity" : nil)
            }
        }
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty else {
            throw SilenceRequestError(field: "comment", detail: "say why the incidents are silenced")
        }
        return Silence(
            matchers: parsed, startsAt: now, endsAt: try end(after: now, maxLength: maxLength), createdBy: createdBy,
            comment: comment
        )
    }

    private func end(after now: Date, maxLength: Duration) throws -> Date {
        let end = try requestedEnd(after: now)
        let longest = Double(maxLength.components.seconds)
        guard end.timeIntervalSince(now) <= longest else {
            throw SilenceRequestError(
                field: endsAt == nil ? "duration" : "ends_at",
                detail: "a silence may last at most \(ConfigDuration.format(maxLength)) "
                    + "(setting limits.silence_length); ask for a shorter one",
                limit: "limits.silence_length")
        }
        return end
    }

    private func requestedEnd(after now: Date) throws -> Date {
        switch (endsAt, duration) {
        case (nil, nil), (.some, .some):
            throw SilenceRequestError(
                field: "duration", detail: "give exactly one of ends_at (a time) and duration (such as 2h)"
            )
        case (nil, .some(let text)):
            let length: Duration
            do {
                length = try ConfigDuration.parseChecked(text)
            } catch ConfigDuration.Problem.tooLong {
                throw SilenceRequestError(
                    field: "duration", detail: "'\(text)' is longer than any silence may last "
                        + "(setting limits.silence_length)", limit: "limits.silence_length")
            } catch {
                throw SilenceRequestError(
                    field: "duration", detail: "'\(text)' is not a duration; write it like 2h, 30m or 1h30m"
                )
            }
            guard length > .zero else {
                throw SilenceRequestError(
                    field: "duration", detail: "'\(text)' is not a duration; write it like 2h, 30m or 1h30m"
                )
            }
            let seconds = Double(length.components.seconds) + Double(length.components.attoseconds) / 1e18
            return now.addingTimeInterval(seconds)
        case (.some(let text), nil):
            guard let end = Self.parseTime(text) else {
                throw SilenceRequestError(
                    field: "ends_at", detail: "'\(text)' is not an ISO 8601 time such as 2026-05-01T18:00:00Z"
                )
            }
            guard end > now else {
                throw SilenceRequestError(
                    field: "ends_at",
                    detail: "\(text) is not in the future (it is now \(now.formatted(.iso8601)))"
                )
            }
            return end
        }
    }

    /// An ISO 8601 time with a zone, with or without fractional seconds.
    static func parseTime(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        return try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// A silence request that cannot be granted: which input is wrong and why.
public struct SilenceRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input at fault, as the API names it: `matchers[1]`, `ends_at`, `duration`, `comment`.
    public var field: String
    /// What is wrong, for a person.
    public var detail: String
    /// The setting whose limit the request is over (`limits.silence_length`), nil when the input is malformed.
    public var limit: String?

    /// An error about `field`; `limit` names the setting when the input is well-formed but over a limit.
    public init(field: String, detail: String, limit: String? = nil) {
        self.field = field
        self.detail = detail
        self.limit = limit
    }

    public var description: String { detail }
}
