import Foundation

/// One configured place to notify: its name (what routes list), its kind and how hard to push it.
///
/// Secrets (webhook URLs, keys, tokens) live here once read from the configuration file or the environment;
/// they are never logged, and `description` leaves them out.
public struct ChannelSettings: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var kind: Kind
    /// Seconds a request may take before it counts as a timeout (retried).
    public var timeout: TimeInterval
    /// Most requests in flight to this channel at once.
    public var concurrency: Int

    /// The kinds of channel, each with its settings.
    public enum Kind: Sendable, Hashable {
        case slack(SlackSettings)
        case webhook(WebhookSettings)
        case pagerDuty(PagerDutySettings)

        /// The name the configuration file uses: `slack`, `webhook`, `pagerduty`.
        public var typeName: String {
            switch self {
            case .slack: "slack"
            case .webhook: "webhook"
            case .pagerDuty: "pagerduty"
            }
        }
    }

    public init(name: String, kind: Kind, timeout: TimeInterval = 10, concurrency: Int = 4) {
        self.name = name
        self.kind = kind
        self.timeout = timeout
        self.concurrency = concurrency
    }

    /// Name and type, never a secret.
    public var description: String {
        "\(name) (\(kind.typeName))"
    }
}

/// A Slack channel: an incoming webhook, or a bot token and channel id (which lets later messages of an
/// incident go to the thread of its first).
public struct SlackSettings: Sendable, Hashable {
    /// Incoming webhook URL (a secret).
    public var webhookURL: URL?
    /// Bot token for `chat.postMessage` (a secret).
    public var botToken: String?
    /// Channel id or name for the bot token.
    public var channel: String?
    /// Slack's Web API base, changed only by tests.
    public var apiURL: URL

    public init(
        webhookURL: URL? = nil, botToken: String? = nil, channel: String? = nil,
        apiURL: URL = URL(string: "https://slack.com/api/")!
    ) {
        self.webhookURL = webhookURL
        self.botToken = botToken
        self.channel = channel
        self.apiURL = apiURL
    }
}

/// A generic webhook, signed the Standard Webhooks way.
public struct WebhookSettings: Sendable, Hashable {
    public var url: URL
    /// Signing secrets (`whsec_` + base64); every one signs, so a receiver can rotate. Empty: unsigned.
    public var secrets: [String]
    /// Extra headers to send (an `Authorization` the receiver wants, say); values are secrets.
    public var headers: [String: String]

    public init(url: URL, secrets: [String] = [], headers: [String: String] = [:]) {
        self.url = url
        self.secrets = secrets
        self.headers = headers
    }
}

/// PagerDuty Events API v2.
public struct PagerDutySettings: Sendable, Hashable {
    /// The integration's routing key (a secret).
    public var routingKey: String
    public var eventsURL: URL

    public init(routingKey: String, eventsURL: URL = URL(string: "https://events.pagerduty.com/v2/enqueue")!) {
        self.routingKey = routingKey
        self.eventsURL = eventsURL
    }
}
