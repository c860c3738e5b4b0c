import AsyncHTTPClient

extension ChannelSettings {
    /// The channel these settings describe, sending over `client`.
    public func makeChannel(client: HTTPClient) -> any NotificationChannel {
        switch kind {
        case .slack(let slack): SlackChannel(settings: self, slack: slack, client: client)
        case .webhook(let webhook): WebhookChannel(settings: self, webhook: webhook, client: client)
        case .pagerDuty(let pagerDuty): PagerDutyChannel(settings: self, pagerDuty: pagerDuty, client: client)
        }
    }
}
