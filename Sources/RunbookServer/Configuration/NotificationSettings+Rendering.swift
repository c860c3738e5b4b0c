import Foundation
import RunbookCore
import RunbookNotify

extension NotificationSettings {
    /// The file-only part of `notifications:` (channels, routes, default route, fallback) as YAML lines at
    /// `indent`, with every secret written as `[OMITTED]`.
    func renderedYAMLLines(indent: String, layers: [String: ConfigLayer]) -> [String] {
        func source(_ key: String) -> String {
            layers[key] == .file ? "config file" : "default"
        }
        let empty = { (isEmpty: Bool) in isEmpty ? " []" : "" }
        var lines = ["\(indent)channels:\(empty(channels.isEmpty))  # \(source(NotificationConfigReader.channelsKey))"]
        for channel in channels {
            lines.append("\(indent)  - name: \(Self.scalar(channel.name))")
            lines += channelFields(channel).map { "\(indent)    \($0.key): \($0.value)" }
        }
        lines.append("\(indent)routes:\(empty(routes.routes.isEmpty))  # \(source(NotificationConfigReader.routesKey))")
        for route in routes.routes {
            lines.append("\(indent)  - name: \(Self.scalar(route.name))")
            let fields: [(String, [String])] = [
                ("match", route.matchers.map(\.description)), ("source", route.sources.map(\.rawValue)),
                ("severity", route.severities), ("document", route.documents),
            ]
            for (key, values) in fields where !values.isEmpty {
                lines.append("\(indent)    \(key): \(Self.flowList(values))")
            }
            lines.append("\(indent)    channels: \(Self.flowList(route.channels))")
            if route.continueMatching { lines.append("\(indent)    continue: true") }
        }
        lines.append("\(indent)default_route:  # \(source(NotificationConfigReader.defaultRouteKey))")
        lines.append("\(indent)  channels: \(Self.flowList(routes.defaultRoute.channels))")
        lines.append("\(indent)fallback: \(Self.flowList(routes.fallbackChannels))  # "
            + source(NotificationConfigReader.fallbackKey))
        return lines
    }

    private func channelFields(_ channel: ChannelSettings) -> [(key: String, value: String)] {
        let omitted = "\"[OMITTED]\""
        var fields: [(key: String, value: String)] = [("type", channel.kind.typeName)]
        switch channel.kind {
        case .slack(let slack):
            if slack.webhookURL != nil { fields.append(("webhook_url", omitted)) }
            if slack.botToken != nil { fields.append(("bot_token", omitted)) }
            if let target = slack.channel { fields.append(("channel", Self.scalar(target))) }
            if slack.apiURL != SlackSettings().apiURL { fields.append(("api_url", Self.url(slack.apiURL))) }
        case .webhook(let webhook):
            fields.append(("url", Self.origin(of: webhook.url)))
            if !webhook.secrets.isEmpty {
                fields.append(("secrets", Self.flowList(webhook.secrets.map { _ in "[OMITTED]" })))
            }
            if !webhook.headers.isEmpty {
                let headers = webhook.headers.keys.sorted().map { "\(Self.scalar($0)): \(omitted)" }
                fields.append(("headers", "{" + headers.joined(separator: ", ") + "}"))
            }
        case .pagerDuty(let pagerDuty):
            fields.append(("routing_key", omitted))
            if pagerDuty.eventsURL != PagerDutySettings(routingKey: "").eventsURL {
                fields.append(("events_url", Self.url(pagerDuty.eventsURL)))
            }
        }
        fields.append(("timeout", ConfigDuration.format(.milliseconds(Int64((channel.timeout * 1_000).rounded())))))
        fields.append(("concurrency", String(channel.concurrency)))
        return fields
    }

    /// A URL with any password, query and fragment replaced, as tokens travel in them.
    private static func url(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "\"[OMITTED]\"" }
        if components.password != nil { components.password = "OMITTED" }
        if components.query != nil { components.query = "OMITTED" }
        components.fragment = nil
        return scalar(components.string ?? "[OMITTED]")
    }

    /// Scheme, host and port only: webhook URLs often carry their token in the path.
    private static func origin(of url: URL) -> String {
        guard let scheme = url.scheme, let host = url.host else { return "\"[OMITTED]\"" }
        let port = url.port.map { ":\($0)" } ?? ""
        let path = url.path.isEmpty || url.path == "/" ? "" : "/[OMITTED]"
        return scalar("\(scheme)://\(host)\(port)\(path)")
    }

    private static func scalar(_ value: String) -> String {
        LoadedConfiguration.quotedIfNeeded(value)
    }

    private static func flowList(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ", ") + "]"
    }

    private static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
