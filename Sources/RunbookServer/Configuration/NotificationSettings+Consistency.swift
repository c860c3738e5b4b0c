import RunbookNotify

extension NotificationSettings {
    /// Problems between settings that are each valid alone, once every layer is applied.
    func consistencyIssues(layers: [String: ConfigLayer]) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        if retry.maxDelay < retry.firstDelay {
            let key = "notifications.retry.cap"
            issues.append(ConfigIssue(key: key, layer: layers[key] ?? .defaults,
                                      message: "must be at least notifications.retry.first"))
        }
        if isEnabled, routes.defaultRoute.channels.isEmpty {
            issues.append(ConfigIssue(
                severity: .warning, key: NotificationConfigReader.defaultRouteKey,
                layer: layers[NotificationConfigReader.defaultRouteKey] ?? .defaults,
                message: "has no channels: incidents no route fits are not notified"
            ))
        }
        return issues
    }
}
