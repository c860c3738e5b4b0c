import Foundation
import RunbookCore
import RunbookNotify

/// Reads the file-only parts of `notifications:` — channels, routes, the default route and the fallback channels —
/// into `NotificationSettings`, reporting every problem with its key path and line.
///
/// Channel values may name environment variables as `${NAME}` (for secrets: webhook URLs, tokens, keys); they are
/// read from `secrets`, and an unset or empty variable is an error naming the key and the variable.
struct NotificationConfigReader {
    static let channelsKey = "notifications.channels"
    static let routesKey = "notifications.routes"
    static let defaultRouteKey = "notifications.default_route"
    static let fallbackKey = "notifications.fallback"
    /// The settings only the config file can give.
    static let blockKeys = [channelsKey, routesKey, defaultRouteKey, fallbackKey]

    private static let commonChannelKeys = ["name", "type", "timeout", "concurrency"]
    private static let typeKeys: [String: [String]] = [
        "slack": ["webhook_url", "bot_token", "channel", "api_url"],
        "webhook": ["url", "secrets", "headers"],
        "pagerduty": ["routing_key", "events_url"],
    ]
    private static let routeKeys = ["name", "match", "source", "severity", "document", "channels", "continue"]
    private static let reservedRouteNames = ["default", RouteTable.fallbackRouteName]

    /// Where `${NAME}` references are looked up.
    let secrets: [String: String]
    /// Every problem found, in file order.
    private(set) var issues: [ConfigIssue] = []

    init(secrets: [String: String]) {
        self.secrets = secrets
    }

    /// Reads `blocks` into `settings`: channels first, so routes can be checked against their names.
    ///
    /// A channel that has a name but is otherwise invalid still counts as defined for routes, so one mistake is
    /// reported once rather than again at every route naming the channel.
    mutating func read(_ blocks: [ConfigFile.Block], into settings: inout NotificationSettings) {
        let byKey = Dictionary(blocks.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var names: Set<String> = []
        if let block = byKey[Self.channelsKey] {
            settings.channels = readChannels(block)
            names = Self.declaredNames(block.tree)
        }
        if let block = byKey[Self.routesKey] {
            settings.routes.routes = readRoutes(block, channels: names)
        }
        if let block = byKey[Self.defaultRouteKey] {
            settings.routes.defaultRoute = Route(
                name: "default", channels: channelList(block.tree, path: block.key, channels: names)
            )
        }
        if let block = byKey[Self.fallbackKey] {
            settings.routes.fallbackChannels = channelList(block.tree, path: block.key, channels: names)
        }
    }

    // MARK: Channels

    private static func declaredNames(_ tree: ConfigTree) -> Set<String> {
        guard case .list(let items, _) = tree else { return [] }
        return Set(items.compactMap { ConfigFields($0, path: "")?["name"]?.value.scalarText })
    }

    private mutating func readChannels(_ block: ConfigFile.Block) -> [ChannelSettings] {
        guard case .list(let items, _) = block.tree else {
            if block.tree.scalarText == "" { return [] }
            report(block.key, block.line, "expected a list of channels (name, type and the type's settings), got "
                + block.tree.kindName)
            return []
        }
        var channels: [ChannelSettings] = []
        for (position, item) in items.enumerated() {
            let path = "\(block.key)[\(position)]"
            guard let channel = readChannel(item, path: path) else { continue }
            if channels.contains(where: { $0.name == channel.name }) {
                report(path + ".name", item.line, "channel `\(channel.name)` is defined more than once")
                continue
            }
            channels.append(channel)
        }
        return channels
    }

    private mutating func readChannel(_ tree: ConfigTree, path: String) -> ChannelSettings? {
        guard let fields = ConfigFields(tree, path: path) else {
            report(path, tree.line, "expected a channel mapping (name, type, …), got \(tree.kindName)")
            return nil
        }
        let name = requiredName(fields, what: "channel")
        guard let typeEntry = fields["type"], let type = typeEntry.value.scalarText?.lowercased() else {
            report(fields.path(of: "type"), fields["type"]?.line ?? fields.line,
                   "a channel needs a type: slack, webhook or pagerduty")
            return nil
        }
        guard let allowed = Self.typeKeys[type] else {
            report(fields.path(of: "type"), typeEntry.line,
                   "unknown channel type `\(type)`: expected slack, webhook or pagerduty")
            return nil
        }
        issues += fields.strayKeyIssues(allowed: Self.commonChannelKeys + allowed, what: "a \(type) channel")
        let timeout = positiveSeconds(fields, "timeout") ?? 10
        let concurrency = positiveInteger(fields, "concurrency") ?? 4
        let kind: ChannelSettings.Kind?
        switch type {
        case "slack": kind = readSlack(fields)
        case "webhook": kind = readWebhook(fields)
        default: kind = readPagerDuty(fields)
        }
        guard let name, let kind else { return nil }
        return ChannelSettings(name: name, kind: kind, timeout: timeout, concurrency: concurrency)
    }

    private mutating func readSlack(_ fields: ConfigFields) -> ChannelSettings.Kind? {
        let webhookURL = url(fields, "webhook_url")
        let botToken = secret(fields, "bot_token")
        let channel = secret(fields, "channel")
        let apiURL = url(fields, "api_url")
        if fields["webhook_url"] == nil, fields["bot_token"] == nil {
            report(fields.path, fields.line, "a slack channel needs webhook_url, or bot_token and channel")
            return nil
        }
        if fields["bot_token"] != nil, fields["channel"] == nil {
            report(fields.path(of: "channel"), fields["bot_token"]?.line,
                   "a slack channel with bot_token needs the channel id to post to")
            return nil
        }
        if fields["webhook_url"] != nil, webhookURL == nil { return nil }
        if fields["bot_token"] != nil, botToken == nil || channel == nil { return nil }
        if fields["api_url"] != nil, apiURL == nil { return nil }
        var settings = SlackSettings(webhookURL: webhookURL, botToken: botToken, channel: channel)
        if let apiURL { settings.apiURL = apiURL }
        return .slack(settings)
    }

    private mutating func readWebhook(_ fields: ConfigFields) -> ChannelSettings.Kind? {
        guard fields["url"] != nil else {
            report(fields.path(of: "url"), fields.line, "a webhook channel needs a url")
            return nil
        }
        let target = url(fields, "url")
        var signing: [String] = []
        var valid = target != nil
        if let entry = fields["secrets"] {
            guard let texts = entry.value.scalarList else {
                report(fields.path(of: "secrets"), entry.line, "expected a secret or a list of them")
                return nil
            }
            for (position, text) in texts.enumerated() {
                let path = "\(fields.path(of: "secrets"))[\(position)]"
                guard let secret = resolve(text, path: path, line: entry.line) else {
                    valid = false
                    continue
                }
                guard Self.isSigningSecret(secret) else {
                    report(path, entry.line, "is not a signing secret: expected whsec_ followed by base64")
                    valid = false
                    continue
                }
                signing.append(secret)
            }
        }
        var headers: [String: String] = [:]
        if let entry = fields["headers"] {
            guard case .mapping(let pairs, _) = entry.value else {
                report(fields.path(of: "headers"), entry.line, "expected a mapping of header names to values")
                return nil
            }
            for pair in pairs {
                let path = "\(fields.path(of: "headers")).\(pair.key)"
                guard let text = pair.value.scalarText else {
                    report(path, pair.line, "expected a header value, got \(pair.value.kindName)")
                    valid = false
                    continue
                }
                guard let value = resolve(text, path: path, line: pair.line) else {
                    valid = false
                    continue
                }
                headers[pair.key] = value
            }
        }
        guard valid, let target else { return nil }
        return .webhook(WebhookSettings(url: target, secrets: signing, headers: headers))
    }

    private mutating func readPagerDuty(_ fields: ConfigFields) -> ChannelSettings.Kind? {
        guard fields["routing_key"] != nil else {
            report(fields.path(of: "routing_key"), fields.line,
                   "a pagerduty channel needs its integration's routing_key")
            return nil
        }
        let routingKey = secret(fields, "routing_key")
        let eventsURL = url(fields, "events_url")
        guard let routingKey else { return nil }
        if fields["events_url"] != nil, eventsURL == nil { return nil }
        var settings = PagerDutySettings(routingKey: routingKey)
        if let eventsURL { settings.eventsURL = eventsURL }
        return .pagerDuty(settings)
    }

    // MARK: Routes

    private mutating func readRoutes(_ block: ConfigFile.Block, channels: Set<String>) -> [Route] {
        guard case .list(let items, _) = block.tree else {
            if block.tree.scalarText == "" { return [] }
            report(block.key, block.line, "expected a list of routes (name, match, channels, …), got "
                + block.tree.kindName)
            return []
        }
        var routes: [Route] = []
        for (position, item) in items.enumerated() {
            let path = "\(block.key)[\(position)]"
            guard let route = readRoute(item, path: path, channels: channels) else { continue }
            if routes.contains(where: { $0.name == route.name }) {
                report(path + ".name", item.line, "route `\(route.name)` is defined more than once")
                continue
            }
            routes.append(route)
        }
        return routes
    }

    private mutating func readRoute(_ tree: ConfigTree, path: String, channels: Set<String>) -> Route? {
        guard let fields = ConfigFields(tree, path: path) else {
            report(path, tree.line, "expected a route mapping (name, match, channels, …), got \(tree.kindName)")
            return nil
        }
        issues += fields.strayKeyIssues(allowed: Self.routeKeys, what: "a route")
        let issueCount = issues.count
        let name = requiredName(fields, what: "route")
        if let name, Self.reservedRouteNames.contains(name) {
            report(fields.path(of: "name"), fields["name"]?.line,
                   "`\(name)` is reserved: use default_route and fallback for those routes")
        }
        let label = name.map { "route `\($0)`" } ?? "route"
        var matchers: [LabelMatcher] = []
        for (position, text) in (strings(fields, "match") ?? []).enumerated() {
            do {
                matchers.append(try LabelMatcher(parsing: text))
            } catch {
                report("\(fields.path(of: "match"))[\(position)]", fields["match"]?.line, "\(label): \(error)")
            }
        }
        var sources: [AlertSource] = []
        for text in strings(fields, "source") ?? [] {
            guard let source = AlertSource(rawValue: text.lowercased()) else {
                let known = AlertSource.allCases.map(\.rawValue).joined(separator: ", ")
                report(fields.path(of: "source"), fields["source"]?.line,
                       "\(label): unknown source `\(text)`: expected one of \(known)")
                continue
            }
            sources.append(source)
        }
        let severities = (strings(fields, "severity") ?? []).map { $0.lowercased() }
        let documents = strings(fields, "document") ?? []
        var routeChannels: [String] = []
        if let entry = fields["channels"] {
            routeChannels = channelList(entry.value, path: fields.path(of: "channels"), channels: channels)
        } else {
            report(fields.path(of: "channels"), fields.line, "\(label) needs channels (an empty list sends nothing)")
        }
        var continueMatching = false
        if let entry = fields["continue"] {
            if let text = entry.value.scalarText, let value = ConfigKey.bool(text) {
                continueMatching = value
            } else {
                report(fields.path(of: "continue"), entry.line, "expected true or false")
            }
        }
        guard let name, issues.count == issueCount else { return nil }
        return Route(
            name: name, matchers: matchers, sources: sources, severities: severities, documents: documents,
            channels: routeChannels, continueMatching: continueMatching
        )
    }

    /// Channel names from a name, a list of names or a mapping with `channels`; unknown ones are reported.
    private mutating func channelList(_ tree: ConfigTree, path: String, channels: Set<String>) -> [String] {
        var tree = tree
        var path = path
        if let fields = ConfigFields(tree, path: path) {
            issues += fields.strayKeyIssues(allowed: ["channels"], what: "a channel list")
            guard let entry = fields["channels"] else {
                report(fields.path(of: "channels"), fields.line, "expected channels: a list of channel names")
                return []
            }
            tree = entry.value
            path = fields.path(of: "channels")
        }
        guard let names = tree.scalarList else {
            report(path, tree.line, "expected a channel name or a list of them, got \(tree.kindName)")
            return []
        }
        var result: [String] = []
        for (position, name) in names.enumerated() {
            guard channels.contains(name) else {
                let known =
                    channels.isEmpty ? "no channel is defined" : "known: " + channels.sorted().joined(separator: ", ")
                report("\(path)[\(position)]", tree.line, "unknown channel `\(name)` (\(known))")
                continue
            }
            if !result.contains(name) { result.append(name) }
        }
        return result
    }

    // MARK: Values

    private mutating func requiredName(_ fields: ConfigFields, what: String) -> String? {
        guard let entry = fields["name"] else {
            report(fields.path(of: "name"), fields.line, "a \(what) needs a name")
            return nil
        }
        guard let name = entry.value.scalarText, Self.isValidName(name) else {
            let given = entry.value.scalarText.map { "`\($0)`" } ?? entry.value.kindName
            report(fields.path(of: "name"), entry.line,
                   "a \(what) name is letters, digits, `-`, `_` or `.`, got \(given)")
            return nil
        }
        return name
    }

    private mutating func strings(_ fields: ConfigFields, _ key: String) -> [String]? {
        guard let entry = fields[key] else { return nil }
        guard let texts = entry.value.scalarList else {
            report(fields.path(of: key), entry.line,
                   "expected a value or a list of values, got \(entry.value.kindName)")
            return nil
        }
        return texts
    }

    private mutating func secret(_ fields: ConfigFields, _ key: String) -> String? {
        guard let entry = fields[key] else { return nil }
        guard let text = entry.value.scalarText, !text.isEmpty else {
            report(fields.path(of: key), entry.line, "expected a value (or ${VARIABLE}), got \(entry.value.kindName)")
            return nil
        }
        return resolve(text, path: fields.path(of: key), line: entry.line)
    }

    private mutating func url(_ fields: ConfigFields, _ key: String) -> URL? {
        guard let text = secret(fields, key) else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false
        else {
            report(fields.path(of: key), fields[key]?.line, "is not an absolute http(s) URL (the value is not shown)")
            return nil
        }
        return url
    }

    private mutating func positiveSeconds(_ fields: ConfigFields, _ key: String) -> TimeInterval? {
        guard let entry = fields[key] else { return nil }
        guard let text = entry.value.scalarText, let duration = ConfigDuration.parse(text), duration > .zero else {
            report(fields.path(of: key), entry.line, "expected a duration of more than zero like 10s or 500ms")
            return nil
        }
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private mutating func positiveInteger(_ fields: ConfigFields, _ key: String) -> Int? {
        guard let entry = fields[key] else { return nil }
        guard let text = entry.value.scalarText, let value = Int(text), value > 0 else {
            report(fields.path(of: key), entry.line, "expected a whole number of at least 1")
            return nil
        }
        return value
    }

    /// `text` with every `${NAME}` replaced by the variable's value; nil (reported) when one is unset or empty.
    private mutating func resolve(_ text: String, path: String, line: Int?) -> String? {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                report(path, line, "`${` is not closed: write ${VARIABLE}")
                return nil
            }
            let name = String(rest[start.upperBound..<end])
            guard let value = secrets[name], !value.isEmpty else {
                report(path, line, "the environment variable \(name) (named as ${\(name)}) is not set")
                return nil
            }
            result += value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    private mutating func report(_ key: String, _ line: Int?, _ message: String) {
        issues.append(ConfigIssue(key: key, layer: .file, line: line, message: message))
    }

    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
        }
    }

    /// `whsec_` and base64, as Standard Webhooks writes signing secrets (the prefix may be left out).
    static func isSigningSecret(_ text: String) -> Bool {
        let encoded = text.hasPrefix("whsec_") ? String(text.dropFirst(6)) : text
        guard let bytes = Data(base64Encoded: encoded) else { return false }
        return !bytes.isEmpty
    }
}
