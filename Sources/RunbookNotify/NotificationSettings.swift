import Foundation
import RunbookCore

/// Everything notifications need, read from the `notifications:` part of the configuration.
///
/// With no channels configured, nothing is planned or sent.
public struct NotificationSettings: Sendable, Hashable {
    public var channels: [ChannelSettings]
    public var routes: RouteTable
    /// A triggered, unacknowledged incident is notified again after this many seconds.
    public var repeatInterval: TimeInterval
    /// More new incidents than this on one route within `stormWindow` go into one digest.
    public var stormLimit: Int
    public var stormWindow: TimeInterval
    public var retry: RetryPolicy
    /// Deliveries claimed per dispatcher batch.
    public var batchSize: Int
    /// How often the dispatcher looks for due deliveries when nothing wakes it.
    public var pollInterval: TimeInterval
    /// How long a claimed delivery stays with its dispatcher before another may take it.
    public var lease: TimeInterval
    /// `/__heartbeat__` fails when the oldest due delivery has waited longer than this.
    public var maxDueAge: TimeInterval
    /// Base of the incident links in messages (`https://runbook.example.com`); nil leaves links out.
    public var consoleURL: URL?
    /// Signs one-click acknowledge links in messages (with `consoleURL`); nil leaves them out.
    public var acknowledgeLinks: AcknowledgeLinks?

    public init(
        channels: [ChannelSettings] = [], routes: RouteTable = RouteTable(), repeatInterval: TimeInterval = 4 * 3600,
        stormLimit: Int = 10, stormWindow: TimeInterval = 60, retry: RetryPolicy = RetryPolicy(),
        batchSize: Int = 100, pollInterval: TimeInterval = 1, lease: TimeInterval = 60, maxDueAge: TimeInterval = 300,
        consoleURL: URL? = nil
    ) {
        self.channels = channels
        self.routes = routes
        self.repeatInterval = repeatInterval
        self.stormLimit = stormLimit
        self.stormWindow = stormWindow
        self.retry = retry
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        self.lease = lease
        self.maxDueAge = maxDueAge
        self.consoleURL = consoleURL
    }

    /// True when at least one channel is configured.
    public var isEnabled: Bool {
        !channels.isEmpty
    }
}
