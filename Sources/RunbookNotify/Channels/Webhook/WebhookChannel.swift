import AsyncHTTPClient
import Foundation

/// A generic webhook: the documented JSON body, signed the Standard Webhooks way.
public struct WebhookChannel: NotificationChannel {
    public let settings: ChannelSettings
    let webhook: WebhookSettings
    let http: ChannelHTTP

    /// A webhook channel with these settings, sending over `client`.
    public init(settings: ChannelSettings, webhook: WebhookSettings, client: HTTPClient) {
        self.settings = settings
        self.webhook = webhook
        self.http = ChannelHTTP(client: client, timeout: settings.timeout)
    }

    /// Webhooks have no threads.
    public var usesThreads: Bool {
        false
    }

    /// Posts the signed JSON body.
    public func send(_ message: NotificationMessage) async -> Result<DeliveryReceipt, DeliveryFailure> {
        let body = WebhookBody(message).encoded()
        let timestamp = Int64(message.sentAt.timeIntervalSince1970.rounded(.down))
        var headers = webhook.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        headers.append(("webhook-id", message.idempotencyKey))
        headers.append(("webhook-timestamp", String(timestamp)))
        if !webhook.secrets.isEmpty {
            let signature = WebhookSignature.header(
                id: message.idempotencyKey, timestamp: timestamp, body: body, secrets: webhook.secrets
            )
            headers.append(("webhook-signature", signature))
        }
        return await http.post(webhook.url, body: body, idempotencyKey: message.idempotencyKey, headers: headers)
            .map { DeliveryReceipt(status: $0.status) }
    }
}
