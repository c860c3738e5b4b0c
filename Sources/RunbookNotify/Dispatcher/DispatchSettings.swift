import AsyncHTTPClient
import NIOConcurrencyHelpers

/// The channels and settings a running dispatcher sends with, swapped whole when the configuration is reloaded.
///
/// The dispatcher reads them afresh for every batch, every send and every retry decision, so a channel added,
/// removed or changed (URL, token, timeout, concurrency) and new retry or batch settings apply from the next
/// delivery on, without a restart. A send already in flight finishes with the channel it started with. A
/// delivery whose channel is gone is dead at its next try, its error naming the channel (see
/// `DeliveryFailure.channelNotConfigured`).
///
/// ```swift
/// let dispatch = DispatchSettings(settings, client: .shared)
/// dispatch.replace(with: reloaded.notifications, client: .shared)
/// ```
public final class DispatchSettings: Sendable {
    /// One consistent state: the settings and the channels made from them, by name.
    private struct Current: Sendable {
        var settings: NotificationSettings
        var channels: [String: any NotificationChannel]
    }

    private let current: NIOLockedValueBox<Current>

    /// Settings sending through `channels` (by name; the first of a repeated name wins).
    public init(_ settings: NotificationSettings, channels: [any NotificationChannel]) {
        current = NIOLockedValueBox(Current(settings: settings, channels: Self.byName(channels)))
    }

    /// Settings sending through the channels they configure, over `client`.
    public convenience init(_ settings: NotificationSettings, client: HTTPClient) {
        self.init(settings, channels: settings.channels.map { $0.makeChannel(client: client) })
    }

    /// The settings and channels in force.
    public var settings: NotificationSettings {
        current.withLockedValue { $0.settings }
    }

    /// The channels in force, by name.
    public var channels: [String: any NotificationChannel] {
        current.withLockedValue { $0.channels }
    }

    /// Puts `settings` and the channels they configure, over `client`, in force for every send from now on.
    ///
    /// The links in messages stay as they started (the console URL and the acknowledge-link key, which the
    /// dispatcher's renderer was made with): they change only with a restart.
    public func replace(with settings: NotificationSettings, client: HTTPClient) {
        let channels = Self.byName(settings.channels.map { $0.makeChannel(client: client) })
        current.withLockedValue { current in
            var settings = settings
            settings.consoleURL = current.settings.consoleURL
            settings.acknowledgeLinks = current.settings.acknowledgeLinks
            current = Current(settings: settings, channels: channels)
        }
    }

    private static func byName(_ channels: [any NotificationChannel]) -> [String: any NotificationChannel] {
        Dictionary(channels.map { ($0.settings.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
