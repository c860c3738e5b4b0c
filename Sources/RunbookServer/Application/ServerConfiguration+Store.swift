import Foundation
import Logging
import RunbookCore
import RunbookNotify
import RunbookStore

extension ServerConfiguration {
    /// The SQLite database file inside the data folder.
    public var databasePath: String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("runbook.sqlite").path
    }

    /// How incidents group, resolve and reopen, and how confident a match must be to name their entry, from these
    /// settings.
    public var incidentPolicy: IncidentPolicy {
        IncidentPolicy(
            autoResolve: autoResolveIncidents,
            reopenWindow: Double(reopenWindow.components.seconds)
                + Double(reopenWindow.components.attoseconds) / 1e18,
            matchThreshold: matchThreshold
        )
    }

    /// Opens the store the server and admin commands share: PostgreSQL when `database` is set, else SQLite in the
    /// data folder (creating the folder and database if needed).
    ///
    /// On SQLite the folder is made 0700 and the database files 0600 (they hold signing secrets and raw payloads); a
    /// mode that had to be tightened is logged as `data.permissions_tightened` on `logger`. On PostgreSQL the pool
    /// holds at most `databasePoolSize` connections, and the migrations run under an advisory lock, so several nodes
    /// may start at once. `planner` decides the deliveries of incident changes (the server passes one it can reload);
    /// by default, `notificationPlanner`.
    ///
    /// ```swift
    /// let store = try await configuration.openStore(logger: logger)
    /// defer { Task { try await store.close() } }
    /// ```
    public func openStore(logger: Logger? = nil, planner: (any DeliveryPlanning)? = nil) async throws -> any Store {
        let storeConfiguration = StoreConfiguration(
            policy: incidentPolicy, planner: planner ?? notificationPlanner, maxQueuedWrites: limits.maxQueuedWrites)
        if let database {
            return try await PostgresStore.open(
                database, configuration: storeConfiguration, poolSize: databasePoolSize,
                logger: logger ?? Logger(label: "runbook.store"))
        }
        for path in try SQLiteStore.securePermissions(folder: dataDirectory, database: databasePath) {
            logger?.warning("data.permissions_tightened", metadata: ["path": .string(path)])
        }
        return try SQLiteStore(path: databasePath, configuration: storeConfiguration)
    }

    /// Where the store is, for messages and logs: the PostgreSQL URL without its password, or the SQLite file.
    public var storeDescription: String {
        database?.description ?? databasePath
    }

    /// The planner the store calls for every incident change; nil when no channel is configured.
    public var notificationPlanner: NotificationPlanner? {
        guard notifications.isEnabled else { return nil }
        return NotificationPlanner(
            routes: notifications.routes, stormLimit: notifications.stormLimit, stormWindow: notifications.stormWindow
        )
    }
}
