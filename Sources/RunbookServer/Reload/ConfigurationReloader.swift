import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOConcurrencyHelpers
import RunbookNotify

/// Re-reads the configuration on SIGHUP (see `ConfigurationReloadService`) or `POST /-/reload` and puts what can
/// change without a restart in force: notification channels, routes, storm control, repeats, retries, the
/// dispatcher's batch settings, and the limits read per request (`ReloadableSetting.all` lists which reload).
///
/// The whole file is loaded and checked before anything is swapped. A file that does not load (bad YAML, an
/// unknown key, a channel without its URL, a route naming a channel that does not exist…) is refused: the reason
/// is logged (`config.reload_failed`) and the configuration in force stays. So is a file that turns
/// notifications on or off (adds the first channel or removes the last), which needs the dispatcher started or
/// stopped: restart for that. Other settings that changed (listen address, data folder, limits…) are named in a
/// `config.reload_restart_needed` line and take effect at the next start. `/metrics` shows the outcome, as
/// Alertmanager does: `runbook_config_last_reload_successful` (1 or 0) and
/// `runbook_config_last_reload_success_timestamp_seconds`.
///
/// ```swift
/// let reloader = ConfigurationReloader(configuration: configuration, planner: planner, dispatch: dispatch,
///                                      limits: limits, logger: logger, factory: exporter.factory) {
///     try options.load().configuration
/// }
/// try reloader.reload()
/// ```
public final class ConfigurationReloader: Sendable {
    let load: @Sendable () throws -> ServerConfiguration
    let planner: ReloadablePlanner
    let dispatch: DispatchSettings
    let limits: RequestLimits
    let client: HTTPClient
    let logger: Logger
    private let running: NIOLockedValueBox<ServerConfiguration>
    private let successful: Gauge
    private let successTime: Gauge
    private let observers = NIOLockedValueBox<[@Sendable (Outcome) -> Void]>([])

    /// A reloader starting from `configuration`, reading the new one with `load`, and swapping the routes in
    /// `planner`, the channels and dispatcher settings in `dispatch` (new channels send over `client`) and the
    /// request limits in `limits`.
    public init(
        configuration: ServerConfiguration, planner: ReloadablePlanner, dispatch: DispatchSettings,
        limits: RequestLimits, client: HTTPClient = .shared, logger: Logger, factory: any MetricsFactory,
        load: @escaping @Sendable () throws -> ServerConfiguration
    ) {
        self.load = load
        self.planner = planner
        self.dispatch = dispatch
        self.limits = limits
        self.client = client
        self.logger = logger
        running = NIOLockedValueBox(configuration)
        successful = Gauge(label: "runbook_config_last_reload_successful", dimensions: [], factory: factory)
        successTime = Gauge(
            label: "runbook_config_last_reload_success_timestamp_seconds", dimensions: [], factory: factory)
        successful.record(1)
        successTime.record(Date().timeIntervalSince1970)
    }

    /// The configuration in force.
    public var configuration: ServerConfiguration {
        running.withLockedValue { $0 }
    }

    /// What a reload put in force, as `POST /-/reload` answers it.
    public struct Outcome: Codable, Sendable, Equatable {
        /// How many routes are in force now (`default_route` aside).
        public var routes: Int
        /// The channels in force now, by name.
        public var channels: [String]
        /// The channels the reload added, removed or changed (URL, token, timeout…), by name.
        public var channelsAdded: [String]
        public var channelsRemoved: [String]
        public var channelsChanged: [String]
        /// The settings that changed and are in force now (`notifications.channels`, `notifications.retry`…).
        public var applied: [String]
        /// The settings that changed but apply only at the next start.
        public var restartNeeded: [String]
        public var reloadedAt: Date
    }

    /// Reads the configuration again and puts its channels, routes and dispatcher settings in force; throws,
    /// keeping the old configuration, when refused.
    @discardableResult
    public func reload() throws -> Outcome {
        let old = configuration
        let new: ServerConfiguration
        do {
            new = try load()
            try Self.checkReloadable(from: old, to: new)
        } catch {
            successful.record(0)
            logger.error("config.reload_failed", metadata: [
                "error": .string("\(error)"),
                "action": "fix the file and send SIGHUP again; the old configuration stays",
            ])
            throw error
        }
        dispatch.replace(with: new.notifications, client: client)
        limits.replace(with: new)
        planner.replace(with: new.notificationPlanner)
        running.withLockedValue { $0 = new }
        successful.record(1)
        successTime.record(Date().timeIntervalSince1970)
        let outcome = Self.outcome(from: old, to: new)
        var metadata: Logger.Metadata = [
            "routes": .stringConvertible(outcome.routes),
            "channels": .string(outcome.channels.joined(separator: ", ")),
            "applied": .string(outcome.applied.joined(separator: ", ")),
        ]
        for (key, names) in [
            ("channels.added", outcome.channelsAdded), ("channels.removed", outcome.channelsRemoved),
            ("channels.changed", outcome.channelsChanged),
        ] where !names.isEmpty {
            metadata[key] = .string(names.joined(separator: ", "))
        }
        logger.notice("config.reloaded", metadata: metadata)
        if !outcome.restartNeeded.isEmpty {
            logger.warning("config.reload_restart_needed", metadata: [
                "settings": .string(outcome.restartNeeded.joined(separator: ", ")),
                "detail": "these changed in the file but take effect only when the server restarts",
            ])
        }
        for observer in observers.withLockedValue({ $0 }) {
            observer(outcome)
        }
        return outcome
    }

    /// Calls `observer` after every successful reload, inside `reload()` (the cluster's announcement of a reload).
    public func onReload(_ observer: @escaping @Sendable (Outcome) -> Void) {
        observers.withLockedValue { $0.append(observer) }
    }

    /// What changed from `old` to `new`, once `new` is in force.
    static func outcome(from old: ServerConfiguration, to new: ServerConfiguration) -> Outcome {
        func byName(_ channels: [ChannelSettings]) -> [String: ChannelSettings] {
            Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let before = byName(old.notifications.channels)
        let after = byName(new.notifications.channels)
        let changes = ReloadableSetting.changes(from: old, to: new)
        return Outcome(
            routes: new.notifications.routes.routes.count, channels: new.notifications.channels.map(\.name),
            channelsAdded: after.keys.filter { before[$0] == nil }.sorted(),
            channelsRemoved: before.keys.filter { after[$0] == nil }.sorted(),
            channelsChanged: after.filter { name, channel in before[name].map { $0 != channel } ?? false }
                .keys.sorted(),
            applied: changes.applied, restartNeeded: changes.restartNeeded, reloadedAt: Date())
    }

    /// Refuses what the running server cannot take: notifications turned on or off.
    static func checkReloadable(from old: ServerConfiguration, to new: ServerConfiguration) throws {
        guard old.notifications.isEnabled == new.notifications.isEnabled else {
            let change = new.notifications.isEnabled
                ? "the file adds the first channel (notifications turned on)"
                : "the file removes every channel (notifications turned off)"
            throw ReloadRefused(
                "notifications.channels: \(change); the dispatcher is started or stopped only by a restart")
        }
    }
}

/// A configuration the running server cannot take without a restart.
struct ReloadRefused: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
