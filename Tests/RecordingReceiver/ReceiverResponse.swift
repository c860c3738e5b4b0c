/// How the receiver answers a request.
public enum ReceiverResponse: Sendable, Hashable {
    /// This status with an empty body (`.status(200)` is the default answer).
    case status(Int)
    /// This status with a body and content type.
    case body(status: Int, contentType: String, text: String)
    /// No answer until `release` (or `stop`) lets the request go.
    case hang
    /// 429 with this `Retry-After` value (seconds, or an HTTP date).
    case tooManyRequests(retryAfter: String)
    /// Slack Web API success, as `chat.postMessage` answers: `{"ok":true,"channel":"…","ts":"…"}`.
    ///
    /// Each answer has a new `ts` (`1700000000.000001`, `…002`, …).
    case slackOK
    /// Slack Web API failure: HTTP 200 with `{"ok":false,"error":"…"}`.
    case slackError(String)

    /// The default answer: 200, empty body.
    public static let ok = ReceiverResponse.status(200)
}
