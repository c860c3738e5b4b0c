import AsyncHTTPClient
import Foundation

/// Slack: `chat.postMessage` with a bot token (follow-ups go to the incident's thread), else an incoming webhook.
public struct SlackChannel: NotificationChannel {
    /// Web API errors worth another try; any other `ok: false` answer is permanent.
    static let retryableErrors: Set<String> = [
        "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
    ]

    public let settings: ChannelSettings
    let slack: SlackSettings
    let http: ChannelHTTP

    /// A Slack channel with these settings, sending over `client`.
    public init(settings: ChannelSettings, slack: SlackSettings, client: HTTPClient) {
        self.settings = settings
        self.slack = slack
        self.http = ChannelHTTP(client: client, timeout: settings.timeout)
    }

    /// True with a bot token and channel: only then can messages be threaded.
    public var usesThreads: Bool {
        slack.botToken != nil && slack.channel != nil
    }

    /// Posts the Block Kit message, threaded on the incident's first message when it can be.
    public func send(_ message: NotificationMessage) async -> Result<DeliveryReceipt, DeliveryFailure> {
        if let token = slack.botToken, let channel = slack.channel {
            return await postMessage(message, token: token, channel: channel)
        }
        guard let webhookURL = slack.webhookURL else {
            return .failure(.refused("Slack channel has neither a webhook URL nor a bot token and channel",
                                     status: nil, permanent: true))
        }
        let payload = SlackMessageBuilder.payload(for: message, channel: nil, threadTS: nil)
        return await http.post(webhookURL, body: encode(payload), idempotencyKey: message.idempotencyKey)
            .map { DeliveryReceipt(status: $0.status) }
    }

    private func postMessage(
        _ message: NotificationMessage, token: String, channel: String
    ) async -> Result<DeliveryReceipt, DeliveryFailure> {
        let threadTS = message.kind == .triggered || message.kind == .digest ? nil : message.threadReference
        let payload = SlackMessageBuilder.payload(for: message, channel: channel, threadTS: threadTS)
        let url = slack.apiURL.appendingPathComponent("chat.postMessage")
        let result = await http.post(
            url, body: encode(payload), idempotencyKey: message.idempotencyKey,
            headers: [("Authorization", "Bearer \(token)")]
        )
        return result.flatMap { answer in
            guard let reply = try? JSONDecoder().decode(SlackAPIReply.self, from: answer.body) else {
                return .failure(.refused("Slack answered without a JSON reply: \(answer.excerpt)",
                                         status: answer.status, permanent: false))
            }
            guard reply.ok else {
                let error = reply.error ?? "unknown_error"
                let retryAfter = answer.headers.first(name: "Retry-After").flatMap(RetryAfter.init(headerValue:))
                return .failure(.refused("Slack refused the message: \(error)", status: answer.status,
                                         permanent: !Self.retryableErrors.contains(error), retryAfter: retryAfter))
            }
            return .success(DeliveryReceipt(status: answer.status, reference: threadTS ?? reply.ts))
        }
    }

    private func encode(_ payload: SlackPayload) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(payload)) ?? Data()
    }
}

/// What `chat.postMessage` answers.
struct SlackAPIReply: Decodable {
    var ok: Bool
    var ts: String?
    var error: String?
}
