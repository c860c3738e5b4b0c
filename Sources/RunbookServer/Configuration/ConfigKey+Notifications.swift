import Foundation

extension ConfigKey {
    /// The scalar settings of the `notifications:` section; channels and routes are file-only
    /// (`NotificationConfigReader`).
    static let notificationKeys: [ConfigKey] = [
        seconds("notifications.repeat_interval", "Notify a triggered, unacknowledged incident again after this.",
                \.notifications.repeatInterval),
        scalar("notifications.storm.limit", "New incidents a route sends alone per storm window; more go in a digest.",
               expected: "a whole number of at least 1", parse: positiveInteger, keyPath: \.notifications.stormLimit,
               show: { String($0) }),
        seconds("notifications.storm.window", "Length of the fixed storm-control windows.",
                \.notifications.stormWindow),
        seconds("notifications.retry.first", "Longest wait before the first retry of a failed delivery.",
                \.notifications.retry.firstDelay),
        seconds("notifications.retry.cap", "Longest wait between retries.", \.notifications.retry.maxDelay),
        seconds("notifications.retry.give_up", "A delivery still failing this long after its first try is dead.",
                \.notifications.retry.giveUpAfter),
        scalar("notifications.dispatcher.batch_size", "Deliveries the dispatcher claims per batch.",
               expected: "a whole number of at least 1", parse: positiveInteger, keyPath: \.notifications.batchSize,
               show: { String($0) }),
        seconds("notifications.dispatcher.poll_interval", "How often the dispatcher looks for due deliveries.",
                \.notifications.pollInterval),
        seconds("notifications.dispatcher.lease", "How long a claimed delivery stays with its dispatcher.",
                \.notifications.lease),
        seconds("notifications.dispatcher.max_due_age", "/__heartbeat__ fails when a due delivery waits longer.",
                \.notifications.maxDueAge),
        scalar("notifications.console_url", "Base of the incident links in messages; empty leaves links out.",
               expected: "an http(s) URL, or empty", parse: consoleURL, keyPath: \.notifications.consoleURL,
               show: { $0.map { maskingCredentials($0.absoluteString) } ?? "" }),
    ]

    /// A duration setting kept in seconds, which must be more than zero.
    private static func seconds(
        _ name: String, _ summary: String, _ keyPath: WritableKeyPath<ServerConfiguration, TimeInterval> & Sendable
    ) -> ConfigKey {
        scalar(name, summary, expected: "a duration of more than zero like 90s, 5m or 4h",
               parse: { text in
                   guard let duration = ConfigDuration.parse(text) else { return nil }
                   let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                   return seconds > 0 ? seconds : nil
               },
               keyPath: keyPath,
               show: { ConfigDuration.format(.milliseconds(Int64(($0 * 1_000).rounded()))) })
    }

    private static func positiveInteger(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// An empty value clears the URL (`.some(nil)`); anything but an absolute http(s) URL is refused (`nil`).
    private static func consoleURL(_ text: String) -> URL?? {
        guard case .some(let checked) = publicURL(text) else { return nil }
        return .some(checked.flatMap { URL(string: $0) })
    }
}
