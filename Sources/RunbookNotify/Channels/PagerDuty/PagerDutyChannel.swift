import AsyncHTTPClient
import Foundation

/// PagerDuty Events API v2: a trigger per new incident (and reminder), acknowledge and resolve by `dedup_key`.
public struct PagerDutyChannel: NotificationChannel {
    public let settings: ChannelSettings
    let pagerDuty: PagerDutySettings
    let http: ChannelHTTP

    public init(settings: ChannelSettings, pagerDuty: PagerDutySettings, client: HTTPClient) {
        self.settings = settings
        self.pagerDuty = pagerDuty
        self.http = ChannelHTTP(client: client, timeout: settings.timeout)
    }

    public var usesThreads: Bool {
        false
    }

    public func send(_ message: NotificationMessage) async -> Result<DeliveryReceipt, DeliveryFailure> {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let event = PagerDutyEvent(message, routingKey: pagerDuty.routingKey)
        let body = (try? encoder.encode(event)) ?? Data()
        return await http.post(pagerDuty.eventsURL, body: body, idempotencyKey: message.idempotencyKey)
            .map { DeliveryReceipt(status: $0.status) }
    }
}
