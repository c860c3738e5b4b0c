/// Descriptions and mirrors of the channel settings that show where a channel points but never a secret.
///
/// Service lifecycle logs print services with `String(describing:)` at debug level, and a nested value is
/// printed through its `debugDescription`, `description` or, failing both, its mirror: every route leads here.
extension ChannelSettings: CustomDebugStringConvertible, CustomReflectable {
    public var debugDescription: String {
        description
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "kind": kind.typeName], displayStyle: .struct)
    }
}

extension SlackSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Which way the channel posts, never the webhook URL or token.
    public var description: String {
        let via = botToken != nil ? "bot token" : webhookURL != nil ? "incoming webhook" : "nothing"
        return "SlackSettings(via: \(via), webhookURL: \(Redacted.mark), botToken: \(Redacted.mark))"
    }

    public var debugDescription: String {
        description
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["webhookURL": Redacted.mark, "botToken": Redacted.mark, "channel": channel as Any],
               displayStyle: .struct)
    }
}

extension WebhookSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The host posted to, how many secrets sign and which headers are sent, never their values.
    public var description: String {
        "WebhookSettings(host: \(url.host ?? "?"), secrets: \(secrets.count) \(Redacted.mark), "
            + "headers: [\(headers.keys.sorted().joined(separator: ", "))] \(Redacted.mark))"
    }

    public var debugDescription: String {
        description
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["host": url.host as Any, "secrets": Redacted.mark, "headers": Redacted.mark],
               displayStyle: .struct)
    }
}

extension PagerDutySettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The events host, never the routing key.
    public var description: String {
        "PagerDutySettings(routingKey: \(Redacted.mark), host: \(eventsURL.host ?? "?"))"
    }

    public var debugDescription: String {
        description
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["routingKey": Redacted.mark, "host": eventsURL.host as Any], displayStyle: .struct)
    }
}

/// The text that stands for a secret in descriptions, as in the logs.
enum Redacted {
    static let mark = "[OMITTED]"
}
