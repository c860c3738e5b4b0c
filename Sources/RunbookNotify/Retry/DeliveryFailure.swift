import Foundation

/// Why one try at a delivery failed, and whether trying again can help.
///
/// A 3xx or a 4xx other than 408 and 429 is permanent (the request itself is wrong: trying again sends the same
/// wrong request); 408, 429, 5xx, timeouts and connection errors are retried. The message holds no secret.
public struct DeliveryFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// True when retrying cannot help: the delivery is dead at once.
    public let isPermanent: Bool
    /// The receiver's HTTP status, when it answered.
    public let status: Int?
    /// When the receiver asked to be tried again (429, or Slack's `ratelimited`).
    public let retryAfter: RetryAfter?
    /// What went wrong, for the attempt record and the logs.
    public let message: String

    private init(isPermanent: Bool, status: Int?, retryAfter: RetryAfter?, message: String) {
        self.isPermanent = isPermanent
        self.status = status
        self.retryAfter = retryAfter
        self.message = message
    }

    /// The receiver answered `code` (not 2xx); `detail` is a short excerpt of its answer.
    public static func status(_ code: Int, retryAfter: RetryAfter? = nil, detail: String? = nil) -> DeliveryFailure {
        let retryable = code == 408 || code == 429 || code >= 500
        var message = "receiver answered HTTP \(code)"
        if let detail, !detail.isEmpty { message += ": \(detail)" }
        return DeliveryFailure(
            isPermanent: !retryable, status: code, retryAfter: code == 429 ? retryAfter : nil, message: message
        )
    }

    /// No answer within `seconds`.
    public static func timeout(after seconds: TimeInterval) -> DeliveryFailure {
        DeliveryFailure(
            isPermanent: false, status: nil, retryAfter: nil,
            message: "no answer within \(seconds.formatted(.number.precision(.fractionLength(0...3)))) s"
        )
    }

    /// The request did not reach the receiver or its answer did not come back (refused, reset, DNS…).
    public static func connection(_ description: String) -> DeliveryFailure {
        DeliveryFailure(isPermanent: false, status: nil, retryAfter: nil, message: "connection failed: \(description)")
    }

    /// The receiver answered 2xx but refused the message (Slack's `{"ok":false}`), retryable or not.
    public static func refused(_ message: String, status: Int?, permanent: Bool, retryAfter: RetryAfter? = nil)
        -> DeliveryFailure
    {
        DeliveryFailure(isPermanent: permanent, status: status, retryAfter: retryAfter, message: message)
    }

    /// Nothing is configured under the delivery's channel name (renamed or removed since it was planned).
    public static func channelNotConfigured(_ name: String) -> DeliveryFailure {
        DeliveryFailure(
            isPermanent: true, status: nil, retryAfter: nil,
            message: "channel \"\(name)\" is not configured (removed or renamed since the delivery was planned); "
                + "add it back to notifications.channels, reload, then retry the delivery"
        )
    }

    /// The message could not be built (the incident is gone, say): sending it again cannot help.
    public static func unrenderable(_ message: String) -> DeliveryFailure {
        DeliveryFailure(isPermanent: true, status: nil, retryAfter: nil, message: message)
    }

    public var description: String {
        message
    }
}
