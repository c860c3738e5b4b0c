import AsyncHTTPClient
import Foundation

/// PagerDuty Events API v2: a trigger per new incident (and reminder), acknowledge and resolve by `dedup_key`.
public struct PagerDutyChannel: NotificationChannel {
    public let settings: ChannelSettings
    let pagerDuty: PagerDutySettings
    let http: ChannelHTTP

    /// A PagerDuty channel with these settings, sending over `client`.
    public init(settings: ChannelSettings, pagerDuty: PagerDutySettings, client: HTTPClient) {
        self.settings = settings
        self.pagerDuty = pagerDuty
        self.http = ChannelHTTP(client: client, timeout: settings.timeout)
    }

    /// PagerDuty groups by `dedup_key`, not by thread.
    public var usesThreads: Bool {
        false
    }

    /// Posts the event to the Events API.
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
