import Foundation
import Logging
import Metrics
import NIOConcurrencyHelpers
import RunbookNotify

/// Re-reads the configuration on SIGHUP (see `ConfigurationReloadService`) or `POST /-/reload` and puts what can change without a
/// restart in force: notification routes and storm control.
///
/// A file that does not load (bad YAML, an unknown key, a route naming a channel that does not exist…) is refused:
/// the reason is logged (`config.reload_failed`) and the configuration in force stays. So is a file that changes
/// the notification channels or turns notifications on or off, which the running dispatcher cannot take: restart
/// for those. Other settings that changed (listen address, data folder, limits…) are named in a
/// `config.reload_restart_needed` line and take effect at the next start. `/metrics` shows the outcome, as
/// Alertmanager does: `runbook_config_last_reload_successful` (1 or 0) and
/// `runbook_config_last_reload_success_timestamp_seconds`.
///
/// ```swift
/// let reloader = ConfigurationReloader(configuration: configuration, planner: planner, logger: logger,
///                                      factory: exporter.factory) { try options.load().configuration }
/// try reloader.reload()
/// ```
public final class ConfigurationReloader: Sendable {
    let load: @Sendable () throws -> ServerConfiguration
    let planner: ReloadablePlanner
    let logger: Logger
    private let running: NIOLockedValueBox<ServerConfiguration>
    private let successful: Gauge
    private let successTime: Gauge
    private let observers = NIOLockedValueBox<[@Sendable (Outcome) -> Void]>([])

    /// A reloader starting from `configuration`, reading the new one with `load`.
    public init(
        configuration: ServerConfiguration, planner: ReloadablePlanner, logger: Logger,
        factory: any MetricsFactory, load: @escaping @Sendable () throws -> ServerConfiguration
    ) {
        self.load = load
        self.planner = planner
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
        /// The settings that changed but apply only at the next start.
        public var restartNeeded: [String]
        public var reloadedAt: Date
    }

    /// Reads the configuration again and puts its routes in force; throws, keeping the old one, when refused.
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
                "error": .string("\(error)"), "action": "fix the file and send SIGHUP again; the old configuration stays",
            ])
            throw error
        }
        planner.replace(with: new.notificationPlanner)
        running.withLockedValue { $0 = new }
        successful.record(1)
        successTime.record(Date().timeIntervalSince1970)
        let restart = Self.restartNeeded(from: old, to: new)
        logger.notice("config.reloaded", metadata: [
            "routes": .stringConvertible(new.notifications.routes.routes.count),
            "notifications": .stringConvertible(new.notifications.isEnabled),
        ])
        if !restart.isEmpty {
            logger.warning("config.reload_restart_needed", metadata: [
                "settings": .string(restart.joined(separator: ", ")),
                "detail": "these changed in the file but take effect only when the server restarts",
            ])
        }
        let outcome = Outcome(
            routes: new.notifications.routes.routes.count, restartNeeded: restart, reloadedAt: Date())
        for observer in observers.withLockedValue({ $0 }) {
            observer(outcome)
        }
        return outcome
    }

    /// Calls `observer` after every successful reload, inside `reload()` (the cluster's announcement of a reload).
    public func onReload(_ observer: @escaping @Sendable (Outcome) -> Void) {
        observers.withLockedValue { $0.append(observer) }
    }

    /// Refuses what the running server cannot take: other channels, or notifications turned on or off.
    static func checkReloadable(from old: ServerConfiguration, to new: ServerConfiguration) throws {
        guard old.notifications.isEnabled == new.notifications.isEnabled else {
            throw ReloadRefused(
                "notifications.channels: notifications were turned \(new.notifications.isEnabled ? "on" : "off"); "
                    + "restart the server for that")
        }
        guard old.notifications.channels == new.notifications.channels else {
            let names = Set(old.notifications.channels.map(\.name)).symmetricDifference(
                new.notifications.channels.map(\.name))
            throw ReloadRefused(
                "notifications.channels changed" + (names.isEmpty ? "" : " (\(names.sorted().joined(separator: ", ")))")
                    + "; channels are reloaded only by a restart, routes by SIGHUP")
        }
    }

    /// The settings that changed but apply only at the next start.
    static func restartNeeded(from old: ServerConfiguration, to new: ServerConfiguration) -> [String] {
        var changed: [String] = []
        if old.listen != new.listen { changed.append("listen") }
        if old.dataDirectory != new.dataDirectory { changed.append("data") }
        if old.runbookFolders != new.runbookFolders { changed.append("runbooks") }
        if old.limits != new.limits { changed.append("limits") }
        var oldNotifications = old.notifications
        oldNotifications.routes = new.notifications.routes
        oldNotifications.stormLimit = new.notifications.stormLimit
        oldNotifications.stormWindow = new.notifications.stormWindow
        if oldNotifications != new.notifications { changed.append("notifications (besides routes and storm)") }
        return changed
    }
}

/// A configuration the running server cannot take without a restart.
struct ReloadRefused: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
